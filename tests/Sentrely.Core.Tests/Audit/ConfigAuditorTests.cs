using Microsoft.Extensions.Time.Testing;
using Sentrely.Audit;
using Sentrely.Configuration;
using Sentrely.Policy;
using Sentrely.Sessions;
using Sentrely.TestUtilities;

namespace Sentrely.Core.Tests.Audit;

public sealed class ConfigAuditorTests
{
    private static readonly SessionContext Operator = new("sess_op000000000000000000", "jordan", "backend-api", "operator", null, null, "stdio");

    [Fact]
    public async Task RecordAccepted_StartupLoad_OperatorRecordWithPathHashAndRuleCount()
    {
        // Arrange
        var store = new InMemoryAuditStore();
        var time = new FakeTimeProvider(new DateTimeOffset(2025, 1, 31, 9, 15, 2, 123, TimeSpan.Zero).AddTicks(4567));
        var config = new SentrelyConfig
        {
            SourcePath = "/etc/sentrely.yaml",
            SourceSha256 = new string('a', 64),
            Policy = new PolicyConfig { Rules = [new PolicyRule { Id = "r", Effect = PolicyEffect.Allow, Tools = ["*"] }] },
        };

        // Act
        var record = await new ConfigAuditor(store, Operator, time).RecordAcceptedAsync(config, reload: false, note: null, default);

        // Assert
        Assert.Equal(1, record.Seq);
        Assert.Equal(("sentrely:config", "outcome", "allow", "ok", "operator"), (record.Tool, record.Phase, record.Decision, record.Outcome, record.Actor));
        Assert.Equal((Operator.SessionId, "jordan", "backend-api", "stdio"), (record.SessionId, record.Developer, record.Project, record.Transport));
        Assert.Equal($"configuration loaded: /etc/sentrely.yaml sha256 {new string('a', 64)} (1 rules)", record.Reason);
        Assert.Equal(new DateTimeOffset(2025, 1, 31, 9, 15, 2, 123, TimeSpan.Zero), record.Time);
        Assert.StartsWith("call_", record.CallId, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RecordRejected_SeveralErrors_FirstErrorAndCount()
    {
        // Arrange
        var store = new InMemoryAuditStore();
        ConfigError[] errors =
        [
            new("/etc/sentrely.yaml", 6, 7, "policy.rules[0].resource", ConfigErrorCodes.UnknownKey, "unknown key `resource`"),
            new("/etc/sentrely.yaml", 9, 7, "policy.rules[1].tools", ConfigErrorCodes.UnknownKey, "x"),
        ];

        // Act
        var record = await new ConfigAuditor(store, Operator, TimeProvider.System).RecordRejectedAsync("/etc/sentrely.yaml", "ab", 3, errors, default);

        // Assert
        Assert.Equal(("deny", "error", "ConfigRejected"), (record.Decision, record.Outcome, record.ErrorCode));
        Assert.Equal(
            "configuration rejected: /etc/sentrely.yaml sha256 ab (the previous 3 rules stay in force): /etc/sentrely.yaml:6:7: SEN1003 policy.rules[0].resource: unknown key `resource` (and 1 more error(s); see the server log)",
            record.Reason);
    }

    [Fact]
    public async Task RecordAccepted_StoreFails_Throws()
    {
        // Arrange
        var store = new InMemoryAuditStore { FailWrites = true };

        // Act / Assert
        await Assert.ThrowsAsync<IOException>(async () => await new ConfigAuditor(store, Operator, TimeProvider.System).RecordAcceptedAsync(new SentrelyConfig(), false, null, default));
    }
}
