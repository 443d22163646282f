using Sentrely.Pipeline;
using Sentrely.Sessions;

namespace Sentrely.Audit;

/// <summary>Builds a call's audit records from its context and appends them to the store.</summary>
public sealed class AuditTrail
{
    private const int MaxToolNameLength = 128;

    private readonly IAuditStore _store;
    private readonly TimeProvider _time;

    /// <summary>Initializes a new instance of the <see cref="AuditTrail"/> class.</summary>
    /// <param name="store">The durable store.</param>
    /// <param name="time">The clock.</param>
    public AuditTrail(IAuditStore store, TimeProvider time)
    {
        _store = store;
        _time = time;
    }

    /// <summary>Commits the intent record of a call about to be made (or refused); throws when the store cannot write.</summary>
    /// <param name="context">The call.</param>
    /// <param name="decision">The decision.</param>
    /// <param name="ruleIds">The deciding rules.</param>
    /// <param name="reason">The reason.</param>
    /// <param name="cancellationToken">The cancellation token.</param>
    public ValueTask<AuditRecord> WriteIntentAsync(ToolCallContext context, string decision, IReadOnlyList<string> ruleIds, string reason, CancellationToken cancellationToken) =>
        _store.AppendAsync(Build(context, "intent", decision, ruleIds, reason) with { Outcome = null }, cancellationToken);

    /// <summary>Commits the outcome record of a call; throws when the store cannot write.</summary>
    /// <param name="context">The call.</param>
    /// <param name="outcome">The outcome.</param>
    /// <param name="result">What happened: <c>ok</c>, <c>error</c> or <c>unknown</c>.</param>
    /// <param name="errorCode">The error code of a failed or refused call.</param>
    /// <param name="awsRequestIds">The AWS request ids.</param>
    /// <param name="durationMs">The call's duration.</param>
    /// <param name="cancellationToken">The cancellation token.</param>
    public ValueTask<AuditRecord> WriteOutcomeAsync(
        ToolCallContext context,
        ToolCallOutcome outcome,
        string result,
        string? errorCode,
        IReadOnlyList<string> awsRequestIds,
        long durationMs,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        var record = Build(context, "outcome", outcome.Decision, outcome.RuleIds, outcome.Message) with
        {
            Outcome = result,
            ErrorCode = errorCode,
            AwsRequestIds = awsRequestIds,
            DurationMs = durationMs,
        };
        return _store.AppendAsync(record, cancellationToken);
    }

    // Unknown tool names come from the agent: stored escaped (no control or bidirectional character reaches the log,
    // and the hash chain covers the stored text), and a huge one by prefix and hash, never whole.
    private AuditRecord Build(ToolCallContext context, string phase, string decision, IReadOnlyList<string> ruleIds, string reason)
    {
        ArgumentNullException.ThrowIfNull(context);
        var session = context.Request.Session;
        var manifest = context.Tool?.Manifest;
        var now = _time.GetUtcNow();
        var credentials = context.Credentials;
        return new AuditRecord
        {
            Id = Identifiers.NewAuditRecordId(),
            CallId = context.CallId,
            Time = new DateTimeOffset(now.Ticks - (now.Ticks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero),
            Phase = phase,
            SessionId = session.SessionId,
            Developer = session.Developer,
            Project = session.Project,
            Actor = session.Actor,
            Client = session.Client,
            Transport = session.Transport,
            Tool = OperatorText.Bounded(context.Request.ToolName, MaxToolNameLength),
            Arguments = AuditArgumentRedactor.Redact(context.Request.Arguments, manifest?.BlobArguments ?? [], manifest?.MaskedArguments ?? []),
            Resources = context.AllResources,
            Decision = decision,
            RuleIds = ruleIds,
            Reason = context.Lookups.Count == 0 ? reason : $"{reason} (read-only lookups: {string.Join("; ", context.Lookups)})",
            RoleArn = credentials?.RoleArn ?? context.CredentialRequest?.RoleArn,
            RoleSessionName = credentials?.RoleSessionName ?? context.CredentialRequest?.RoleSessionName,
            SourceIdentity = credentials?.SourceIdentity ?? context.CredentialRequest?.SourceIdentity,
        };
    }
}
