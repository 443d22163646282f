using Sentrely.Core.Tests.Pipeline;
using Sentrely.Pipeline;
using Sentrely.Policy;
using Sentrely.Sessions;

namespace Sentrely.Core.Tests.Sessions;

public sealed class KillSwitchStageTests
{
    private const string Call = """{"bucket":"b","key":"k"}""";

    public static TheoryData<KillTargetKind, string> Targets => new()
    {
        { KillTargetKind.Session, "sess_test0000000000000000" },
        { KillTargetKind.Developer, "jordan" },
        { KillTargetKind.Project, "backend-api" },
        { KillTargetKind.All, "*" },
    };

    [Theory]
    [MemberData(nameof(Targets))]
    public async Task Pipeline_SessionKilled_RefusedKilledWithoutCredentialsOrInvocation(KillTargetKind kind, string value)
    {
        // Arrange
        var fixture = new PipelineFixture([PipelineFixture.AllowAll()]);
        await fixture.Sessions.KillAsync(new KillRule(new KillTarget(kind, value), "leaked token", "oncall", fixture.Time.GetUtcNow()), default);

        // Act
        var outcome = await fixture.CallAsync("put-thing", Call);

        // Assert
        Assert.True(outcome.IsError);
        Assert.Equal(AuditDecisions.Killed, outcome.Decision);
        Assert.Contains("oncall", outcome.Message, StringComparison.Ordinal);
        Assert.Contains("leaked token", outcome.Message, StringComparison.Ordinal);
        Assert.Contains("sentrely sessions unkill", outcome.Message, StringComparison.Ordinal);
        Assert.Empty(fixture.Vendor.Requests);
        Assert.Empty(fixture.Handler.Invocations);
        Assert.Single(fixture.Kills);
        var records = fixture.Store.Records;
        Assert.Equal(["intent", "outcome"], records.Select(r => r.Phase));
        Assert.All(records, r => Assert.Equal(AuditDecisions.Killed, r.Decision));
        Assert.Equal(KillSwitchStage.KilledCode, records[1].ErrorCode);
    }

    [Theory]
    [InlineData(KillTargetKind.Session, "sess_other000000000000000")]
    [InlineData(KillTargetKind.Developer, "alex")]
    [InlineData(KillTargetKind.Project, "frontend")]
    public async Task Pipeline_OtherTargetKilled_CallPerformed(KillTargetKind kind, string value)
    {
        // Arrange
        var fixture = new PipelineFixture([PipelineFixture.AllowAll()]);
        await fixture.Sessions.KillAsync(new KillRule(new KillTarget(kind, value), "r", "oncall", fixture.Time.GetUtcNow()), default);

        // Act
        var outcome = await fixture.CallAsync("put-thing", Call);

        // Assert
        Assert.False(outcome.IsError, outcome.Message);
        Assert.Single(fixture.Handler.Invocations);
        Assert.Empty(fixture.Kills);
    }

    [Fact]
    public async Task Pipeline_KilledThenUnkilled_NextCallPerformed()
    {
        // Arrange
        var fixture = new PipelineFixture([PipelineFixture.AllowAll()]);
        await fixture.Sessions.KillAsync(new KillRule(KillTarget.All, "r", "oncall", fixture.Time.GetUtcNow()), default);
        var refused = await fixture.CallAsync("put-thing", Call);

        // Act
        var removed = await fixture.Sessions.UnkillAsync(KillTarget.All, default);
        var resumed = await fixture.CallAsync("put-thing", Call);

        // Assert
        Assert.Equal(AuditDecisions.Killed, refused.Decision);
        Assert.True(removed);
        Assert.False(resumed.IsError, resumed.Message);
        Assert.Single(fixture.Handler.Invocations);
    }

    [Fact]
    public async Task Pipeline_RegistryUnreadable_RefusedWithoutCredentials()
    {
        // Arrange
        var fixture = new PipelineFixture([PipelineFixture.AllowAll()]);
        fixture.Sessions.Broken = true;

        // Act
        var outcome = await fixture.CallAsync("put-thing", Call);

        // Assert
        Assert.True(outcome.IsError);
        Assert.Equal(AuditDecisions.Deny, outcome.Decision);
        Assert.Empty(fixture.Vendor.Requests);
        Assert.Empty(fixture.Handler.Invocations);
        Assert.Equal(KillSwitchStage.UnavailableCode, fixture.Store.Records[^1].ErrorCode);
    }

    [Fact]
    public async Task Pipeline_EveryCall_ChecksTheRegistry()
    {
        // Arrange
        var fixture = new PipelineFixture([PipelineFixture.AllowAll()]);

        // Act
        for (var i = 0; i < 3; i++)
        {
            await fixture.CallAsync("put-thing", Call);
        }

        // Assert
        Assert.Equal(3, fixture.Sessions.Checks);
    }

    [Fact]
    public async Task Pipeline_Call_TouchesRegisteredSessionWithIdentity()
    {
        // Arrange
        var fixture = new PipelineFixture([PipelineFixture.AllowAll()]);
        await fixture.Sessions.RegisterAsync(new SessionRecord(fixture.Session.SessionId, "jordan", "", null, null, "stdio", 42, "host", fixture.Time.GetUtcNow()), default);
        fixture.Time.Advance(TimeSpan.FromSeconds(3));

        // Act
        await fixture.CallAsync("put-thing", Call);

        // Assert
        var session = Assert.Single(await fixture.Sessions.ListAsync(default));
        Assert.Equal("backend-api", session.Project);
        Assert.Equal("test-client", session.ClientName);
        Assert.Equal(fixture.Time.GetUtcNow(), session.LastCall);
    }

    [Fact]
    public void Stage_Order_IsKillSwitchFirst()
    {
        // Arrange
        var stage = new KillSwitchStage(new TestUtilities.InMemorySessionRegistry(), _ => { }, TimeProvider.System);

        // Act
        var order = stage.Order;

        // Assert
        Assert.Equal(StageOrder.KillSwitch, order);
        Assert.True(order < StageOrder.Validation && order < StageOrder.Policy);
    }
}
