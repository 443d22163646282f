using System.ComponentModel;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Sentrely.Approval;
using Sentrely.Arguments;
using Sentrely.Aws.Lambda;
using Sentrely.Invocation;

namespace Sentrely.Aws.Tools.Lambda;

/// <summary>
/// Deploys new code to one function: <c>lambda:UpdateFunctionCode</c>, then waits (with MCP progress
/// notifications) until <c>LastUpdateStatus</c> leaves <c>InProgress</c>.
/// </summary>
internal sealed class UpdateFunctionCodeHandler(AwsClients clients) : ToolHandler<UpdateFunctionCodeArguments, UpdateFunctionCodeResult>
{
    /// <summary>The largest zip uploaded directly (Lambda's own limit for direct uploads).</summary>
    public const int MaxZipBytes = 50 * 1024 * 1024;

    /// <summary>How often the update status is polled.</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(500);

    /// <summary>How long the tool waits for the update to finish before returning its current status.</summary>
    public static readonly TimeSpan MaxWait = TimeSpan.FromMinutes(3);

    public override string Name => "update-function-code";

    // s3ObjectVersion: the package version an approved deploy is pinned to (PackageVersionStage).
    public override IReadOnlyList<string> DerivedValues => ["functionArn", PackageVersionStage.ValueName];

    protected override JsonTypeInfo<UpdateFunctionCodeArguments> ArgumentsTypeInfo => AwsToolJsonContext.Default.UpdateFunctionCodeArguments;

    protected override JsonTypeInfo<UpdateFunctionCodeResult> ResultTypeInfo => AwsToolJsonContext.Default.UpdateFunctionCodeResult;

    protected override async ValueTask ValidateAsync(UpdateFunctionCodeArguments arguments, ArgumentContext context, ArgumentValues values, CancellationToken cancellationToken)
    {
        LambdaArguments.SetFunction(values, arguments.FunctionName, context);
        if (arguments.RevisionId is { } revision)
        {
            values.Check(AwsArgumentRules.CheckRevisionId("revisionId", revision));
        }

        var hasS3 = arguments.S3Bucket is not null || arguments.S3Key is not null;
        var sources = (arguments.ZipBase64 is null ? 0 : 1) + (arguments.Path is null ? 0 : 1) + (hasS3 ? 1 : 0) + (arguments.ImageUri is null ? 0 : 1);
        if (sources != 1)
        {
            values.Check("give exactly one of `zipBase64`, `path`, `s3Bucket` with `s3Key`, or `imageUri`");
            return;
        }

        if (hasS3)
        {
            if (arguments.S3Bucket is null || arguments.S3Key is null)
            {
                values.Check("`s3Bucket` and `s3Key` go together");
                return;
            }

            values.Set("s3Bucket", arguments.S3Bucket, AwsArgumentRules.CheckBucketName("s3Bucket", arguments.S3Bucket));
            values.Set("s3Key", arguments.S3Key, AwsArgumentRules.CheckObjectKey("s3Key", arguments.S3Key));
        }
        else if (arguments.ImageUri is { } image)
        {
            values.Check(AwsArgumentRules.CheckImageUri("imageUri", image, context));
        }
        else
        {
            arguments.Zip = await BlobArguments.ReadAsync("zipBase64", arguments.ZipBase64, arguments.Path, context, values, MaxZipBytes, cancellationToken).ConfigureAwait(false);
        }
    }

    protected override async ValueTask<ToolInvocationResult> InvokeAsync(UpdateFunctionCodeArguments arguments, ToolInvocation invocation, CancellationToken cancellationToken)
    {
        var name = invocation.Arguments.Values["functionName"][0];
        var requestIds = new List<string>();
        using var lambda = clients.Lambda(invocation);
        try
        {
            var updated = await lambda.UpdateFunctionCodeAsync(
                new UpdateFunctionCodeRequest
                {
                    FunctionName = name,
                    // `null` would convert through byte[] to an empty, present ReadOnlyMemory: say "absent" explicitly.
                    ZipFile = arguments.Zip is { } zip ? zip : (ReadOnlyMemory<byte>?)null,
                    S3Bucket = arguments.S3Bucket,
                    S3Key = arguments.S3Key,
                    S3ObjectVersion = invocation.Arguments.Values.TryGetValue(PackageVersionStage.ValueName, out var version) ? version[0] : null,
                    ImageUri = arguments.ImageUri,
                    Publish = arguments.Publish ?? false,
                    DryRun = arguments.DryRun ?? false,
                    RevisionId = arguments.RevisionId,
                },
                cancellationToken).ConfigureAwait(false);
            Add(requestIds, updated.RequestId);
            var configuration = updated.Configuration;
            if (arguments.DryRun != true)
            {
                configuration = await WaitAsync(lambda, name, configuration, invocation.Progress, requestIds, cancellationToken).ConfigureAwait(false);
            }

            var result = new UpdateFunctionCodeResult(arguments.DryRun ?? false, configuration);
            return Success(result, $"{(arguments.DryRun == true ? "dry run for" : "updated")} {name}: {configuration.LastUpdateStatus ?? "done"}", requestIds);
        }
        catch (LambdaApiException ex)
        {
            return LambdaFailures.From(ex, requestIds);
        }
    }

    private async Task<FunctionConfiguration> WaitAsync(
        ILambdaApi lambda, string name, FunctionConfiguration configuration, IProgressReporter progress, List<string> requestIds, CancellationToken cancellationToken)
    {
        var started = clients.Time.GetTimestamp();
        var polls = 0;
        while (configuration.LastUpdateStatus == "InProgress" && clients.Time.GetElapsedTime(started) < MaxWait)
        {
            progress.Report(++polls, null, $"waiting for {name}: LastUpdateStatus is InProgress");
            await Task.Delay(PollInterval, clients.Time, cancellationToken).ConfigureAwait(false);
            var current = await lambda.GetFunctionConfigurationAsync(name, null, cancellationToken).ConfigureAwait(false);
            Add(requestIds, current.RequestId);
            configuration = current.Configuration;
        }

        progress.Report(polls + 1, polls + 1, $"{name}: LastUpdateStatus is {configuration.LastUpdateStatus ?? "unknown"}");
        return configuration;
    }

    private static void Add(List<string> ids, string? id)
    {
        if (id is not null)
        {
            ids.Add(id);
        }
    }
}

/// <summary>Gets the arguments of update-function-code.</summary>
internal sealed record UpdateFunctionCodeArguments
{
    [Description("The function name, or its unqualified ARN in the configured account and region.")]
    public required string FunctionName { get; init; }

    [Description("The deployment package (zip) as base64. Give exactly one code source.")]
    public string? ZipBase64 { get; init; }

    [Description("A zip file inside an MCP root or a configured files.roots folder.")]
    public string? Path { get; init; }

    [Description("The bucket of a zip in S3 (with s3Key).")]
    public string? S3Bucket { get; init; }

    [Description("The key of a zip in S3 (with s3Bucket).")]
    public string? S3Key { get; init; }

    [Description("A container image in the configured account's ECR registry, pinned by digest: ACCOUNT.dkr.ecr.REGION.amazonaws.com/REPOSITORY@sha256:DIGEST.")]
    public string? ImageUri { get; init; }

    [Description("Publish a new version.")]
    public bool? Publish { get; init; }

    [Description("Validate the request without changing the function.")]
    public bool? DryRun { get; init; }

    [Description("Only update if the function's current revisionId is this (from get-function).")]
    public string? RevisionId { get; init; }

    /// <summary>Gets or sets the zip bytes, read during validation.</summary>
    [JsonIgnore]
    public byte[]? Zip { get; set; }
}

/// <summary>Gets the result of update-function-code.</summary>
internal sealed record UpdateFunctionCodeResult(bool DryRun, FunctionConfiguration Function);
