using System.Globalization;
using System.Text.Json.Serialization.Metadata;
using Sentrely.Arguments;
using Sentrely.Invocation;
using Sentrely.Manifests;
using Sentrely.Pipeline;

namespace Sentrely.Policy;

/// <summary>
/// The <c>list-permissions</c> tool: tells the agent which tools this session's policy allows, on which
/// resources and under which conditions, and which deny rules apply — so it can plan instead of probing.
/// </summary>
public sealed class ListPermissionsHandler : ToolHandler<ListPermissionsArguments, PermissionsResult>
{
    private readonly Func<ActiveConfiguration> _configuration;
    private readonly Func<IReadOnlyList<ToolManifest>> _manifests;

    /// <summary>Initializes a new instance of the <see cref="ListPermissionsHandler"/> class.</summary>
    /// <param name="configuration">Returns the configuration in force.</param>
    /// <param name="manifests">Returns the curated tools' manifests.</param>
    public ListPermissionsHandler(Func<ActiveConfiguration> configuration, Func<IReadOnlyList<ToolManifest>> manifests)
    {
        _configuration = configuration;
        _manifests = manifests;
    }

    /// <inheritdoc />
    public override string Name => "list-permissions";

    /// <inheritdoc />
    protected override JsonTypeInfo<ListPermissionsArguments> ArgumentsTypeInfo => CoreJsonContext.Default.ListPermissionsArguments;

    /// <inheritdoc />
    protected override JsonTypeInfo<PermissionsResult> ResultTypeInfo => CoreJsonContext.Default.PermissionsResult;

    /// <inheritdoc />
    protected override ValueTask ValidateAsync(ListPermissionsArguments arguments, ArgumentContext context, ArgumentValues values, CancellationToken cancellationToken) =>
        ValueTask.CompletedTask;

    /// <inheritdoc />
    protected override ValueTask<ToolInvocationResult> InvokeAsync(ListPermissionsArguments arguments, ToolInvocation invocation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        var session = invocation.Session;
        var rules = _configuration().Config.Policy.Rules
            .Where(r => (r.Developers is null || r.Developers.Contains(session.Developer)) && (r.Projects is null || r.Projects.Contains(session.Project)))
            .ToArray();
        var tools = _manifests().Select(m =>
        {
            var allows = rules.Where(r => r.Effect == PolicyEffect.Allow && r.Tools.Any(t => Glob.IsMatch(t, m.Name)))
                .Select(r => new AllowRuleSummary(r.Id, r.Resources ?? ["*"], Describe(r.When), Describe(ApprovalRequirement.Max(r.Approval, m.Approval))))
                .ToArray();
            return new ToolPermission(m.Name, m.Access.ToString().ToLowerInvariant(), allows.Length > 0, allows);
        }).ToArray();
        var denies = rules.Where(r => r.Effect == PolicyEffect.Deny)
            .Select(r => new DenyRuleSummary(r.Id, r.Tools, r.Resources ?? ["*"], Describe(r.When)))
            .ToArray();
        var result = new PermissionsResult(
            session.Developer,
            session.Project,
            tools,
            denies,
            "A tool is usable only on resources an allow rule names and no deny rule matches; arguments are never widened. Calls needing approval are refused until approved.");
        var allowed = tools.Count(t => t.Allowed);
        return ValueTask.FromResult(Success(result, string.Create(CultureInfo.InvariantCulture, $"{allowed} of {tools.Length} tools are allowed for this session"), []));
    }

    private static string[] Describe(IReadOnlyList<ArgumentCondition> conditions) =>
        conditions.Select(c => c switch
        {
            { AnyOf: { } anyOf } => $"{c.Argument} in [{string.Join(", ", anyOf)}]",
            { Prefix: { } prefix } => $"{c.Argument} starts with `{prefix}`",
            { Min: { } min, Max: { } max } => string.Create(CultureInfo.InvariantCulture, $"{c.Argument} between {min} and {max}"),
            { Max: { } max } => string.Create(CultureInfo.InvariantCulture, $"{c.Argument} at most {max}"),
            _ => string.Create(CultureInfo.InvariantCulture, $"{c.Argument} at least {c.Min}"),
        }).ToArray();

    private static string Describe(ApprovalRequirement approval) => approval.Level switch
    {
        ApprovalLevel.None => "none",
        ApprovalLevel.Required => "required",
        _ => "reviewer",
    };
}

/// <summary>Gets the arguments of <c>list-permissions</c>: none.</summary>
public sealed record ListPermissionsArguments;

/// <summary>Gets what the session may do.</summary>
/// <param name="Developer">The session's developer.</param>
/// <param name="Project">The session's project.</param>
/// <param name="Tools">Each curated tool and the allow rules that let this session use it.</param>
/// <param name="DenyRules">The deny rules that apply to this session.</param>
/// <param name="Note">How to read this.</param>
public sealed record PermissionsResult(string Developer, string Project, IReadOnlyList<ToolPermission> Tools, IReadOnlyList<DenyRuleSummary> DenyRules, string Note);

/// <summary>Gets one tool's permission.</summary>
/// <param name="Tool">The tool.</param>
/// <param name="Access">read, write or destructive.</param>
/// <param name="Allowed">Whether some allow rule names it for this session.</param>
/// <param name="Rules">The allow rules.</param>
public sealed record ToolPermission(string Tool, string Access, bool Allowed, IReadOnlyList<AllowRuleSummary> Rules);

/// <summary>Gets one allow rule as the agent sees it.</summary>
/// <param name="RuleId">The rule id.</param>
/// <param name="Resources">The resource patterns.</param>
/// <param name="Conditions">The argument conditions.</param>
/// <param name="Approval">none, required or reviewer.</param>
public sealed record AllowRuleSummary(string RuleId, IReadOnlyList<string> Resources, IReadOnlyList<string> Conditions, string Approval);

/// <summary>Gets one deny rule as the agent sees it.</summary>
/// <param name="RuleId">The rule id.</param>
/// <param name="Tools">The tool globs.</param>
/// <param name="Resources">The resource patterns.</param>
/// <param name="Conditions">The argument conditions.</param>
public sealed record DenyRuleSummary(string RuleId, IReadOnlyList<string> Tools, IReadOnlyList<string> Resources, IReadOnlyList<string> Conditions);
