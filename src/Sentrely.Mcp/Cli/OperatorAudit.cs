using Sentrely.Audit;
using Sentrely.Configuration;
using Sentrely.Credentials;
using Sentrely.Mcp.Hosting;
using Sentrely.Sessions;
using Sentrely.Stores.Sqlite;

namespace Sentrely.Mcp.Cli;

/// <summary>Audit records of operator commands (<c>revoke-role-sessions</c>, <c>doctor</c>): actor <c>operator</c>, transport <c>cli</c>.</summary>
internal sealed class OperatorAudit
{
    private readonly SentrelyConfig _config;
    private readonly bool _sandbox;
    private readonly string _project;
    private readonly string _sessionId = Identifiers.NewSessionId();

    public OperatorAudit(SentrelyConfig config, bool sandbox)
    {
        _config = config;
        _sandbox = sandbox;
        var project = config.Identity.Project ?? Path.GetFileName(Environment.CurrentDirectory.TrimEnd(Path.DirectorySeparatorChar));
        Developer = LocalIdentity.Developer(config.Identity);
        _project = StsNames.TagValue(string.IsNullOrEmpty(project) ? "default" : project);
    }

    /// <summary>Gets the operator: <c>identity.developer</c>, else the OS user.</summary>
    public string Developer { get; }

    /// <summary>Gets the call id shared by the intent and outcome of this command.</summary>
    public string CallId { get; } = Identifiers.NewCallId();

    /// <summary>Commits one record; throws when the store cannot write.</summary>
    public async Task AppendAsync(string tool, string phase, IReadOnlyList<string> resources, string reason, string? outcome, string? errorCode, CancellationToken cancellationToken, string decision = "allow")
    {
        await using var store = CliStore.Open(_config, _sandbox);
        await store.Audit.AppendAsync(
            new AuditRecord
            {
                Id = Identifiers.NewAuditRecordId(),
                CallId = CallId,
                Time = AuditTime.Truncate(TimeProvider.System.GetUtcNow()),
                Phase = phase,
                SessionId = _sessionId,
                Developer = Developer,
                Project = _project,
                Actor = "operator",
                Transport = "cli",
                Tool = tool,
                Resources = resources,
                Decision = decision,
                Reason = reason,
                Outcome = outcome,
                ErrorCode = errorCode,
            },
            cancellationToken).ConfigureAwait(false);
    }
}
