using Sentrely.Configuration;
using Sentrely.Pipeline;
using Sentrely.Sessions;

namespace Sentrely.Audit;

/// <summary>
/// Records every configuration load: the one at startup and every reload attempt, accepted or rejected, as an
/// audit record of the pseudo-tool <c>sentrely:config</c> made by the <c>operator</c>. The audit log then says
/// which policy decided each call that follows.
/// </summary>
public sealed class ConfigAuditor
{
    /// <summary>The tool name of configuration records.</summary>
    public const string Tool = "sentrely:config";

    /// <summary>The error code of a rejected reload.</summary>
    public const string RejectedErrorCode = "ConfigRejected";

    /// <summary>The name used for configurations that are not files (the built-in sandbox policy).</summary>
    public const string BuiltIn = "(built-in)";

    private const int MaxErrorLength = 1000;

    private readonly IAuditStore _store;
    private readonly SessionContext _operator;
    private readonly TimeProvider _time;

    /// <summary>Initializes a new instance of the <see cref="ConfigAuditor"/> class.</summary>
    /// <param name="store">The durable audit store.</param>
    /// <param name="operatorSession">The server's session as the operator: session id, developer, project, transport; actor <c>operator</c>.</param>
    /// <param name="time">The clock.</param>
    public ConfigAuditor(IAuditStore store, SessionContext operatorSession, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(operatorSession);
        ArgumentNullException.ThrowIfNull(time);
        _store = store;
        _operator = operatorSession;
        _time = time;
    }

    /// <summary>Commits the record of an accepted configuration; throws when the store cannot write.</summary>
    /// <param name="config">The configuration put in force (as read from its file).</param>
    /// <param name="reload">Whether this is a reload (else the load at startup).</param>
    /// <param name="note">An addition to the reason, such as sections that need a restart; null for none.</param>
    /// <param name="cancellationToken">The cancellation token.</param>
    public ValueTask<AuditRecord> RecordAcceptedAsync(SentrelyConfig config, bool reload, string? note, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(config);
        var verb = reload ? "reloaded" : "loaded";
        var reason = $"configuration {verb}: {config.SourcePath ?? BuiltIn} sha256 {config.SourceSha256 ?? "none"} ({config.Policy.Rules.Count} rules)"
            + (note is null ? "" : $"; {note}");
        return _store.AppendAsync(Build(AuditDecisions.Allow, reason, "ok", null), cancellationToken);
    }

    /// <summary>Commits the record of a rejected reload; throws when the store cannot write.</summary>
    /// <param name="path">The configuration file.</param>
    /// <param name="sha256">The SHA-256 (hex) of the rejected bytes, or a placeholder when they could not be read.</param>
    /// <param name="keptRules">How many rules the configuration still in force has.</param>
    /// <param name="errors">Every error found; the first is recorded.</param>
    /// <param name="cancellationToken">The cancellation token.</param>
    public ValueTask<AuditRecord> RecordRejectedAsync(string path, string sha256, int keptRules, IReadOnlyList<ConfigError> errors, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var first = errors.Count == 0 ? "the configuration is invalid" : errors[0].ToString();
        if (first.Length > MaxErrorLength)
        {
            first = first[..MaxErrorLength] + "…";
        }

        var more = errors.Count > 1 ? $" (and {errors.Count - 1} more error(s); see the server log)" : "";
        var reason = $"configuration rejected: {path} sha256 {sha256} (the previous {keptRules} rules stay in force): {first}{more}";
        return _store.AppendAsync(Build(AuditDecisions.Deny, reason, "error", RejectedErrorCode), cancellationToken);
    }

    private AuditRecord Build(string decision, string reason, string outcome, string? errorCode) => new()
    {
        Id = Identifiers.NewAuditRecordId(),
        CallId = Identifiers.NewCallId(),
        Time = AuditTime.Truncate(_time.GetUtcNow()),
        Phase = "outcome",
        SessionId = _operator.SessionId,
        Developer = _operator.Developer,
        Project = _operator.Project,
        Actor = "operator",
        Client = null,
        Transport = _operator.Transport,
        Tool = Tool,
        Decision = decision,
        Reason = reason,
        Outcome = outcome,
        ErrorCode = errorCode,
    };
}
