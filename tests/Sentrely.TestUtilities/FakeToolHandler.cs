using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Sentrely.Arguments;
using Sentrely.Invocation;
using Sentrely.Manifests;

namespace Sentrely.TestUtilities;

/// <summary>A tool handler for pipeline tests: records invocations and answers with what the test sets.</summary>
public sealed class FakeToolHandler(string name) : ToolHandler<FakeArguments, FakeResult>
{
    public override string Name => name;

    public List<ToolInvocation> Invocations { get; } = [];

    public Func<ToolInvocation, ToolInvocationResult>? Answer { get; set; }

    protected override JsonTypeInfo<FakeArguments> ArgumentsTypeInfo => FakeJsonContext.Default.FakeArguments;

    protected override JsonTypeInfo<FakeResult> ResultTypeInfo => FakeJsonContext.Default.FakeResult;

    /// <summary>Returns a manifest for this handler: <c>s3:PutObject</c> on <c>arn:{partition}:s3:::{bucket}/{key}</c>.</summary>
    public ToolManifest Manifest(ToolAccess access = ToolAccess.Write, Sentrely.Policy.ApprovalRequirement? approval = null) => new()
    {
        Name = name,
        Title = "Fake",
        Description = "A fake tool",
        Access = access,
        Role = access == ToolAccess.Read ? "read" : "deploy",
        Resources = ["arn:{partition}:s3:::{bucket}/{key}"],
        Iam = [new IamStatementTemplate(["s3:PutObject"], ["arn:{partition}:s3:::{bucket}/{key}"], [])],
        Approval = approval ?? Sentrely.Policy.ApprovalRequirement.None,
    };

    protected override ValueTask ValidateAsync(FakeArguments arguments, ArgumentContext context, ArgumentValues values, CancellationToken cancellationToken)
    {
        values.Set("bucket", arguments.Bucket, arguments.Bucket.Length == 0 ? "`bucket` is empty" : null);
        values.Set("key", arguments.Key, arguments.Key.Length == 0 ? "`key` is empty" : null);
        return ValueTask.CompletedTask;
    }

    protected override ValueTask<ToolInvocationResult> InvokeAsync(FakeArguments arguments, ToolInvocation invocation, CancellationToken cancellationToken)
    {
        Invocations.Add(invocation);
        return ValueTask.FromResult(Answer?.Invoke(invocation) ?? Success(new FakeResult($"{arguments.Bucket}/{arguments.Key}"), "done", ["req-1"]));
    }
}

public sealed record FakeArguments
{
    public required string Bucket { get; init; }

    public required string Key { get; init; }
}

public sealed record FakeResult(string Written);

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true)]
[JsonSerializable(typeof(FakeArguments))]
[JsonSerializable(typeof(FakeResult))]
internal sealed partial class FakeJsonContext : JsonSerializerContext;
