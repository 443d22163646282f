using System.Globalization;
using System.Text.Json.Serialization.Metadata;
using Sentrely.Arguments;
using Sentrely.Configuration;
using Sentrely.Invocation;
using Sentrely.Limits;
using Sentrely.Manifests;
using Sentrely.Pipeline;
using Sentrely.Sessions;

namespace Sentrely.Policy;

/// <summary>
/// The <c>list-permissions</c> tool: tells the agent which tools this session's live policy allows, on which
/// resources and under which conditions, which deny rules apply, its remaining rate budget and its cost
/// headroom — so it can plan instead of probing.
/// </summary>
public sealed class ListPermissionsHandler : ToolHandler<ListPermissionsArguments, PermissionsResult>
{
    private readonly Func<ActiveConfiguration> _configuration;
    private readonly Func<IReadOnlyList<ToolManifest>> _manifests;
    private readonly IRateLimitStore _rateLimits;
    private readonly IInstanceLedger _ledger;

    /// <summary>Initializes a new instance of the <see cref="ListPermissionsHandler"/> class.</summary>
    /// <param name="configuration">Returns the configuration in force.</param>
    /// <param name="manifests">Returns the curated tools' manifests.</param>
    /// <param name="rateLimits">The rate-limit buckets the pipeline takes tokens from.</param>
    /// <param name="ledger">The instances Sentrely launched, which cost limits count.</param>
    public ListPermissionsHandler(Func<ActiveConfiguration> configuration, Func<IReadOnlyList<ToolManifest>> manifests, IRateLimitStore rateLimits, IInstanceLedger ledger)
    {
        _configuration = configuration;
        _manifests = manifests;
        _rateLimits = rateLimits;
        _ledger = ledger;
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
    protected override async ValueTask<ToolInvocationResult> InvokeAsync(ListPermissionsArguments arguments, ToolInvocation invocation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        var session = invocation.Session;
        var config = _configuration().Config;
        var rules = config.Policy.Rules
            .Where(r => (r.Developers is null || r.Developers.Contains(session.Developer)) && (r.Projects is null || r.Projects.Contains(session.Project)))
            .ToArray();
        var tools = _manifests().Select(m =>
        {
            var allows = rules.Where(r => r.Effect == PolicyEffect.Allow && r.Tools.Any(t => Glob.IsMatch(t, m.Name)))
                .Select(r => new AllowRuleSummary(r.Id, r.Resources ?? ["*"], Describe(r), Describe(ApprovalRequirement.Max(r.Approval, m.Approval))))
                .ToArray();
            return new ToolPermission(m.Name, m.Access.ToString().ToLowerInvariant(), allows.Length > 0, allows);
        }).ToArray();
        var denies = rules.Where(r => r.Effect == PolicyEffect.Deny)
            .Select(r => new DenyRuleSummary(r.Id, r.Tools, r.Resources ?? ["*"], Describe(r)))
            .ToArray();
        var result = new PermissionsResult(
            session.Developer,
            session.Project,
            tools,
            denies,
            await RateBudgetAsync(config.Policy.RateLimits, session, cancellationToken).ConfigureAwait(false),
            await CostHeadroomAsync(config.Limits.Ec2, session, cancellationToken).ConfigureAwait(false),
            "A tool is usable only on resources an allow rule names and no deny rule matches; arguments are never widened. Calls needing approval are refused until approved.");
        var allowed = tools.Count(t => t.Allowed);
        return Success(result, string.Create(CultureInfo.InvariantCulture, $"{allowed} of {tools.Length} tools are allowed for this session"), []);
    }

    private async ValueTask<RateBudget[]> RateBudgetAsync(IReadOnlyList<RateLimitRule> limits, SessionContext session, CancellationToken cancellationToken)
    {
        var budget = new RateBudget[limits.Count];
        for (var i = 0; i < limits.Count; i++)
        {
            var limit = limits[i];
            // A call takes from every bucket of the limit, so the budget is the smallest of them.
            var available = int.MaxValue;
            foreach (var bucket in RateLimitStage.Buckets(limit, session))
            {
                available = Math.Min(available, await _rateLimits.AvailableAsync(bucket, cancellationToken).ConfigureAwait(false));
            }

            budget[i] = new RateBudget(limit.Id, limit.Tools, limit.Describe(), available);
        }

        return budget;
    }

    private async ValueTask<CostHeadroom?> CostHeadroomAsync(Ec2CostLimits? limits, SessionContext session, CancellationToken cancellationToken)
    {
        if (limits is not { HasCaps: true })
        {
            return null;
        }

        var usage = await _ledger.UsageAsync(session.SessionId, session.Developer, SessionGroup.Of(session), cancellationToken).ConfigureAwait(false);
        var prices = usage.SessionByType.Select(t => Ec2PriceTable.Shipped.PriceOf(t.Key, limits.Prices) * t.Value).ToArray();
        decimal? hourly = prices.Any(p => p is null) ? null : prices.Sum(p => p!.Value);
        return new CostHeadroom(
            usage.SessionRunning,
            limits.MaxRunningPerSession,
            usage.DeveloperRunning,
            limits.MaxRunningPerDeveloper,
            hourly,
            limits.MaxHourlyCostPerSession,
            $"hourly costs are on-demand estimates dated {Ec2PriceTable.Shipped.Date} ({Ec2PriceTable.Shipped.Region}); only instances Sentrely launched count");
    }

    // The rule's conditions beyond its resource patterns: `when`, the resources it excludes, and case folding.
    private static string[] Describe(PolicyRule rule) =>
    [
        .. Describe(rule.When),
        .. rule.NotResources is { } excluded ? [$"resource not in [{string.Join(", ", excluded)}]"] : Array.Empty<string>(),
        .. rule.CaseInsensitive ? ["globs compared case-insensitively"] : Array.Empty<string>(),
    ];

    private static string[] Describe(IReadOnlyList<ArgumentCondition> conditions) =>
        conditions.Select(c => c switch
        {
            { Absent: { } absent } => $"{c.Argument} {(absent ? "absent" : "given")}",
            { Entries: { } entries } => $"{c.Argument} has {string.Join(" and ", Describe(entries))}",
            { Sha256: { } digests } => $"{c.Argument} sha256 in [{string.Join(", ", digests)}]",
            { AnyOf: { } anyOf } => $"{c.Argument} in [{string.Join(", ", anyOf)}]",
            { NoneOf: { } noneOf } => $"{c.Argument} not in [{string.Join(", ", noneOf)}]",
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
/// <param name="RateLimits">Each rate limit and the calls it still allows now.</param>
/// <param name="CostLimits">Running instances and estimated cost against the EC2 caps; null when no cap is set.</param>
/// <param name="Note">How to read this.</param>
public sealed record PermissionsResult(
    string Developer,
    string Project,
    IReadOnlyList<ToolPermission> Tools,
    IReadOnlyList<DenyRuleSummary> DenyRules,
    IReadOnlyList<RateBudget> RateLimits,
    CostHeadroom? CostLimits,
    string Note);

/// <summary>Gets one rate limit's remaining budget for this session.</summary>
/// <param name="Id">The limit id.</param>
/// <param name="Tools">The tool globs it counts.</param>
/// <param name="Limit">The limit, for example "30/hour per session".</param>
/// <param name="Remaining">The calls it allows right now.</param>
public sealed record RateBudget(string Id, IReadOnlyList<string> Tools, string Limit, int Remaining);

/// <summary>Gets the EC2 cost headroom of this session.</summary>
/// <param name="SessionRunning">Instances this session launched that are still running.</param>
/// <param name="MaxRunningPerSession">The session cap, when set.</param>
/// <param name="DeveloperRunning">Instances running across the developer's sessions.</param>
/// <param name="MaxRunningPerDeveloper">The developer cap, when set.</param>
/// <param name="SessionHourlyCost">The estimated USD/hour of the session's running instances; null when a type has no price.</param>
/// <param name="MaxHourlyCostPerSession">The hourly cap, when set.</param>
/// <param name="Note">How the figures are estimated.</param>
public sealed record CostHeadroom(
    int SessionRunning,
    int? MaxRunningPerSession,
    int DeveloperRunning,
    int? MaxRunningPerDeveloper,
    decimal? SessionHourlyCost,
    decimal? MaxHourlyCostPerSession,
    string Note);

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
