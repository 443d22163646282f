using System.Text.Json;
using Sentrely.Arguments;
using Sentrely.Invocation;
using Sentrely.Pipeline;
using Sentrely.Sessions;

namespace Sentrely.Policy;

/// <summary>
/// Runs a call through the production stages that decide it — argument validation, policy, approval and
/// credential scoping — and reports what the server would do, without the pipeline's tail: no audit record,
/// no STS call, no AWS call. Stages that depend on live state (kill switch, rate and cost limits) are not run;
/// limits are reported through <see cref="IObligationSource"/>s instead.
/// </summary>
public sealed class PolicyExplainer
{
    /// <summary>The session id explained calls carry (a real session has a random one).</summary>
    public const string SessionId = "sess_explain";

    /// <summary>The call id explained calls carry (a real call has a random one).</summary>
    public const string CallId = "call_explain";

    private static readonly int[] DecidingStages = [StageOrder.Validation, StageOrder.Policy, StageOrder.Approval, StageOrder.CredentialScope];
    private readonly ToolRegistry _tools;
    private readonly IReadOnlyList<IToolCallStage> _stages;
    private readonly IReadOnlyList<IObligationSource> _obligations;

    /// <summary>Initializes a new instance of the <see cref="PolicyExplainer"/> class.</summary>
    /// <param name="tools">The curated tools.</param>
    /// <param name="stages">The production stages; only the deciding ones are run.</param>
    /// <param name="obligations">The sources of obligations.</param>
    public PolicyExplainer(ToolRegistry tools, IEnumerable<IToolCallStage> stages, IEnumerable<IObligationSource> obligations)
    {
        _tools = tools;
        _stages = stages.Where(s => DecidingStages.Contains(s.Order)).OrderBy(s => s.Order).ToArray();
        _obligations = obligations.ToArray();
    }

    /// <summary>Returns a session for explained calls.</summary>
    /// <param name="developer">The developer.</param>
    /// <param name="project">The project.</param>
    public static SessionContext Session(string developer, string project) =>
        new(SessionId, developer, project, "agent", "sentrely-policy", null, "stdio");

    /// <summary>Explains one call.</summary>
    /// <param name="configuration">The configuration to decide by.</param>
    /// <param name="session">The calling session.</param>
    /// <param name="tool">The tool name.</param>
    /// <param name="arguments">The call's arguments (a JSON object).</param>
    /// <param name="roots">The folders <c>path</c> arguments may read.</param>
    /// <param name="cancellationToken">The cancellation token.</param>
    public async ValueTask<PolicyExplanation> ExplainAsync(
        ActiveConfiguration configuration, SessionContext session, string tool, JsonElement arguments, IFileRootProvider roots, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(tool);
        var context = new ToolCallContext(new ToolCallRequest(session, tool, arguments, SilentProgress.Instance, roots), CallId, configuration)
        {
            Tool = _tools.Find(tool),
        };
        if (context.Tool is null)
        {
            return Refused(context, ToolCallRejection.Deny("UnknownTool", $"unknown tool `{tool}`; `sentrely tools list` shows the curated tools"));
        }

        ToolCallRejection? approval = null;
        foreach (var stage in _stages)
        {
            if (await stage.ExecuteAsync(context, cancellationToken).ConfigureAwait(false) is not { } rejection)
            {
                continue;
            }

            // An approval refusal is the obligation, not the end of the story: go on to show what would be
            // sent to STS once approved. Anything else ends the call, as in the pipeline.
            if (stage.Order == StageOrder.Approval && context.Decision is { Allowed: true })
            {
                approval = rejection;
                continue;
            }

            return Refused(context, rejection);
        }

        var decision = context.Decision ?? throw new InvalidOperationException("the policy stage did not decide");
        return Explanation(context, approval is null ? ExplainVerdicts.Allow : ExplainVerdicts.Approval, approval?.Reason ?? decision.Reason) with
        {
            Code = approval?.Code,
            RuleIds = decision.RuleIds,
            Obligations = _obligations.SelectMany(o => o.Describe(context)).ToArray(),
            Credentials = context.CredentialRequest,
        };
    }

    private static PolicyExplanation Refused(ToolCallContext context, ToolCallRejection rejection) =>
        Explanation(context, ExplainVerdicts.Deny, rejection.Reason) with { Code = rejection.Code, RuleIds = rejection.RuleIds };

    private static PolicyExplanation Explanation(ToolCallContext context, string verdict, string reason) => new()
    {
        Tool = context.Request.ToolName,
        Session = context.Request.Session,
        Verdict = verdict,
        Reason = reason,
        Decision = context.Decision,
        Resources = context.Resources,
        SecondaryResources = context.SecondaryResources,
    };
}
