using System.Text.Json;
using Sentrely.Manifests;
using Sentrely.Pipeline;

namespace Sentrely.Arguments;

/// <summary>
/// Validates the typed arguments (never fixing them up) and builds the call's resource ARNs from them and
/// the configured partition, region and account.
/// </summary>
public sealed class ArgumentValidationStage : IToolCallStage
{
    private static readonly JsonElement EmptyObject = JsonDocument.Parse("{}").RootElement;

    /// <inheritdoc />
    public int Order => StageOrder.Validation;

    /// <inheritdoc />
    public async ValueTask<ToolCallRejection?> ExecuteAsync(ToolCallContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var tool = context.Tool ?? throw new InvalidOperationException("the tool must be resolved before validation");
        var aws = context.Configuration.Config.Aws;
        if (aws.AccountId is null && tool.Manifest.CallsAws)
        {
            return ToolCallRejection.Deny("NotConfigured", "aws.accountId is not configured, so no ARN can be built; set it in sentrely.yaml");
        }

        var raw = context.Request.Arguments ?? EmptyObject;
        if (raw.ValueKind != JsonValueKind.Object)
        {
            return Invalid(tool.Manifest.Name, $"`arguments` must be a JSON object, not {raw.ValueKind.ToString().ToLowerInvariant()}");
        }

        var argumentContext = new ArgumentContext(aws.Partition, aws.Region, aws.AccountId ?? "", context.Request.FileRoots);
        var result = await tool.Handler.ValidateAsync(raw, argumentContext, cancellationToken).ConfigureAwait(false);
        if (result.Arguments is not { } arguments)
        {
            return Invalid(tool.Manifest.Name, string.Join("; ", result.Errors));
        }

        // Defence in depth behind the per-argument rules: no value that reaches an ARN or a session policy
        // may carry an IAM wildcard or a policy variable, whatever a handler let through.
        foreach (var (name, given) in arguments.Values)
        {
            if (given.FirstOrDefault(ContainsIamWildcard) is { } bad)
            {
                return Invalid(tool.Manifest.Name, $"`{name}` contains an IAM wildcard or variable (`*`, `?`, `${{`): `{Truncate(bad)}`");
            }
        }

        var values = new Dictionary<string, IReadOnlyList<string>>(arguments.Values, StringComparer.Ordinal)
        {
            ["partition"] = [aws.Partition],
            ["region"] = [aws.Region],
            ["account"] = [aws.AccountId ?? ""],
        };
        context.Arguments = arguments;
        context.TemplateValues = values;
        context.Resources = Expand(tool.Manifest.Resources, values);
        context.SecondaryResources = Expand(tool.Manifest.SecondaryResources, values);
        return context.Resources.Count == 0
            ? Invalid(tool.Manifest.Name, "the arguments name no resource")
            : null;
    }

    private static string[] Expand(IReadOnlyList<string> templates, IReadOnlyDictionary<string, IReadOnlyList<string>> values) =>
        templates.SelectMany(t => ManifestTemplates.Expand(t, values)).Distinct(StringComparer.Ordinal).ToArray();

    private static bool ContainsIamWildcard(string value) =>
        value.Contains('*', StringComparison.Ordinal) || value.Contains('?', StringComparison.Ordinal) || value.Contains("${", StringComparison.Ordinal);

    private static string Truncate(string value) => value.Length <= 64 ? value : value[..64] + "…";

    private static ToolCallRejection Invalid(string tool, string problems) =>
        ToolCallRejection.Deny("InvalidArguments", $"invalid arguments for `{tool}`: {problems}");
}
