using Microsoft.Extensions.Time.Testing;
using Sentrely.Audit;
using Sentrely.Sessions;
using Sentrely.TestUtilities;

namespace Sentrely.Core.Tests.Sessions;

public sealed class OrphanRecoveryTests
{
    private readonly FakeTimeProvider _time = new();
    private readonly InMemoryAuditStore _audit = new();
    private readonly InMemorySessionRegistry _registry = new();

    [Fact]
    public async Task Recover_DeadSessionWithOpenIntent_AppendsUnknownOutcomeAndEndsSession()
    {
        // Arrange
        await RegisterAsync("sess_dead", "here");
        await _audit.AppendAsync(Record("sess_dead", "call_done", "intent"), default);
        await _audit.AppendAsync(Record("sess_dead", "call_done", "outcome") with { Outcome = "ok" }, default);
        await _audit.AppendAsync(Record("sess_dead", "call_open", "intent"), default);
        var recovery = new OrphanRecovery(_audit, _registry, _time);

        // Act
        var written = await recovery.RecoverAsync("here", _ => false, default);

        // Assert
        Assert.Equal(1, written);
        var last = _audit.Records[^1];
        Assert.Equal(("call_open", "outcome", "unknown", OrphanRecovery.OrphanedCode), (last.CallId, last.Phase, last.Outcome, last.ErrorCode));
        Assert.Equal(("put-thing", "allow", "jordan"), (last.Tool, last.Decision, last.Developer));
        Assert.NotNull(Assert.Single(await _registry.ListAsync(default)).Ended);
    }

    [Fact]
    public async Task Recover_LiveOrOtherHostOrEndedSession_LeftAlone()
    {
        // Arrange
        await RegisterAsync("sess_live", "here");
        await RegisterAsync("sess_remote", "elsewhere");
        await RegisterAsync("sess_ended", "here");
        await _registry.EndAsync("sess_ended", _time.GetUtcNow(), default);
        foreach (var id in new[] { "sess_live", "sess_remote", "sess_ended" })
        {
            await _audit.AppendAsync(Record(id, "call_" + id, "intent"), default);
        }

        var recovery = new OrphanRecovery(_audit, _registry, _time);

        // Act
        var written = await recovery.RecoverAsync("here", s => s.SessionId == "sess_live", default);

        // Assert
        Assert.Equal(0, written);
        Assert.Equal(3, _audit.Records.Count);
        Assert.Single(await _registry.ListAsync(default), s => s.Ended is not null);
    }

    private ValueTask RegisterAsync(string id, string host) =>
        _registry.RegisterAsync(new SessionRecord(id, "jordan", "backend-api", null, null, "stdio", 4242, host, _time.GetUtcNow()), default);

    private AuditRecord Record(string session, string callId, string phase) => new()
    {
        Id = Identifiers.NewAuditRecordId(),
        CallId = callId,
        Time = _time.GetUtcNow(),
        Phase = phase,
        SessionId = session,
        Developer = "jordan",
        Project = "backend-api",
        Actor = "agent",
        Transport = "stdio",
        Tool = "put-thing",
        Decision = "allow",
    };
}
