using Microsoft.Extensions.Logging;
using Sentrely.Audit;
using Sentrely.Configuration;

namespace Sentrely.Core.Tests.Configuration;

public sealed class ConfigReloaderTests
{
    [Fact]
    public async Task Reload_ValidChange_SwapsPolicyAndAuditsAllow()
    {
        // Arrange
        using var fixture = new ReloadFixture();
        var before = fixture.Holder.Current;
        fixture.Write(ReloadFixture.AllowGet);

        // Act
        var result = await fixture.ReloadAsync();

        // Assert
        Assert.Equal(ConfigReloadResult.Reloaded, result);
        Assert.NotSame(before, fixture.Holder.Current);
        Assert.Equal(["allow-get", "never-prod"], fixture.RuleIds);
        var record = Assert.Single(fixture.Store.Records);
        Assert.Equal((ConfigAuditor.Tool, "outcome", "allow", "ok", "operator"), (record.Tool, record.Phase, record.Decision, record.Outcome, record.Actor));
        Assert.Null(record.ErrorCode);
        Assert.Equal($"configuration reloaded: {fixture.Path} sha256 {fixture.Holder.Current.Config.SourceSha256} (2 rules)", record.Reason);
        Assert.Contains(fixture.Logger.Entries, e => e.Level == LogLevel.Information && e.EventId == 200);
    }

    [Fact]
    public async Task Reload_SameBytes_UnchangedWithoutAuditOrSwap()
    {
        // Arrange
        using var fixture = new ReloadFixture();
        var before = fixture.Holder.Current;
        fixture.Write(ReloadFixture.DenyAll);

        // Act
        var result = await fixture.ReloadAsync();

        // Assert
        Assert.Equal(ConfigReloadResult.Unchanged, result);
        Assert.Same(before, fixture.Holder.Current);
        Assert.Empty(fixture.Store.Records);
    }

    [Fact]
    public async Task Reload_InvalidFile_KeepsPreviousLogsFileLineAndAuditsRejection()
    {
        // Arrange
        using var fixture = new ReloadFixture(ReloadFixture.AllowGet);
        var before = fixture.Holder.Current;
        fixture.Write(ReloadFixture.Misspelt);

        // Act
        var result = await fixture.ReloadAsync();

        // Assert
        Assert.Equal(ConfigReloadResult.Rejected, result);
        Assert.Same(before, fixture.Holder.Current);
        Assert.Contains(fixture.Logger.Entries, e => e.Level == LogLevel.Error && e.Message.Contains($"{fixture.Path}:6:7: SEN1003 policy.rules[0].resource", StringComparison.Ordinal));
        var record = Assert.Single(fixture.Store.Records);
        Assert.Equal(("deny", "error", ConfigAuditor.RejectedErrorCode), (record.Decision, record.Outcome, record.ErrorCode));
        Assert.StartsWith($"configuration rejected: {fixture.Path} sha256 ", record.Reason, StringComparison.Ordinal);
        Assert.Contains("(the previous 2 rules stay in force)", record.Reason, StringComparison.Ordinal);
        Assert.Contains(":6:7: SEN1003 policy.rules[0].resource", record.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reload_SameInvalidFileTwice_AuditedOnce()
    {
        // Arrange
        using var fixture = new ReloadFixture();
        fixture.Write(ReloadFixture.Misspelt);

        // Act
        var first = await fixture.ReloadAsync();
        var second = await fixture.ReloadAsync();

        // Assert
        Assert.Equal((ConfigReloadResult.Rejected, ConfigReloadResult.Unchanged), (first, second));
        Assert.Single(fixture.Store.Records);
    }

    [Fact]
    public async Task Reload_FileDeleted_RejectedAndPreviousPolicyKept()
    {
        // Arrange
        using var fixture = new ReloadFixture(ReloadFixture.AllowGet);
        File.Delete(fixture.Path);

        // Act
        var result = await fixture.ReloadAsync();

        // Assert
        Assert.Equal(ConfigReloadResult.Rejected, result);
        Assert.Equal(["allow-get", "never-prod"], fixture.RuleIds);
        Assert.Contains($"sha256 {ConfigReloader.UnreadableHash}", Assert.Single(fixture.Store.Records).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reload_RestartOnlySectionChanged_KeepsRunningValuesAppliesPolicyAndWarns()
    {
        // Arrange
        using var fixture = new ReloadFixture(awsSection: "aws:\n  region: us-east-1\n  accountId: \"111122223333\"\nidentity:\n  developer: jordan\n");
        fixture.Write("aws:\n  region: eu-west-1\n  accountId: \"444455556666\"\nidentity:\n  developer: mallory\n" + ReloadFixture.AllowGet);

        // Act
        var result = await fixture.ReloadAsync();

        // Assert
        Assert.Equal(ConfigReloadResult.Reloaded, result);
        var config = fixture.Holder.Current.Config;
        Assert.Equal(("us-east-1", "111122223333", "jordan"), (config.Aws.Region, config.Aws.AccountId, config.Identity.Developer));
        Assert.Equal(["allow-get", "never-prod"], fixture.RuleIds);
        Assert.Equal(2, fixture.Logger.Entries.Count(e => e.Level == LogLevel.Warning && e.EventId == 201));
        Assert.EndsWith("; not applied until a restart: aws, identity", Assert.Single(fixture.Store.Records).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reload_TelemetryEndpointChanged_KeepsRunningExportAndWarns()
    {
        // Arrange
        using var fixture = new ReloadFixture(awsSection: "telemetry:\n  otlpEndpoint: http://127.0.0.1:4317\n");
        fixture.Write("telemetry:\n  otlpEndpoint: http://collector.example.com:4317\n" + ReloadFixture.AllowGet);

        // Act
        var result = await fixture.ReloadAsync();

        // Assert
        Assert.Equal(ConfigReloadResult.Reloaded, result);
        Assert.Equal(new Uri("http://127.0.0.1:4317"), fixture.Holder.Current.Config.Telemetry.OtlpEndpoint);
        Assert.EndsWith("; not applied until a restart: telemetry", Assert.Single(fixture.Store.Records).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reload_ServerAllowedHostsChanged_KeepsRunningValuesAndWarns()
    {
        // Arrange
        using var fixture = new ReloadFixture(awsSection: "server:\n  allowedHosts: [localhost]\n");
        fixture.Write("server:\n  allowedHosts: [localhost, attacker.example.com]\n" + ReloadFixture.AllowGet);

        // Act
        var result = await fixture.ReloadAsync();

        // Assert
        Assert.Equal(ConfigReloadResult.Reloaded, result);
        Assert.Equal(["localhost"], fixture.Holder.Current.Config.Server.AllowedHosts);
        Assert.EndsWith("; not applied until a restart: server", Assert.Single(fixture.Store.Records).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reload_ApprovalsChanged_AppliesLiveWithoutRestartWarning()
    {
        // Arrange
        using var fixture = new ReloadFixture(awsSection: "approvals:\n  expiry: 15m\n");
        fixture.Write("approvals:\n  expiry: 1h\n  webhooks: [\"https://hooks.example.com/x\"]\n" + ReloadFixture.AllowGet);

        // Act
        var result = await fixture.ReloadAsync();

        // Assert
        Assert.Equal(ConfigReloadResult.Reloaded, result);
        Assert.Equal(TimeSpan.FromHours(1), fixture.Holder.Current.Config.Approvals.Expiry);
        Assert.Equal([new Uri("https://hooks.example.com/x")], fixture.Holder.Current.Config.Approvals.Webhooks);
        Assert.DoesNotContain(fixture.Logger.Entries, e => e.Level == LogLevel.Warning);
        Assert.DoesNotContain("restart", Assert.Single(fixture.Store.Records).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reload_PolicyOnlyChange_NoRestartWarning()
    {
        // Arrange
        using var fixture = new ReloadFixture(awsSection: "aws:\n  accountId: \"111122223333\"\n  roles:\n    read: arn:aws:iam::111122223333:role/r\n  endpoints:\n    sts: http://127.0.0.1:4566\n");
        fixture.Write("aws:\n  accountId: \"111122223333\"\n  roles:\n    read: arn:aws:iam::111122223333:role/r\n  endpoints:\n    sts: http://127.0.0.1:4566\n" + ReloadFixture.AllowGet);

        // Act
        await fixture.ReloadAsync();

        // Assert
        Assert.DoesNotContain(fixture.Logger.Entries, e => e.Level == LogLevel.Warning);
    }

    [Fact]
    public async Task Reload_AuditStoreFails_NothingAppliedAndRetriedLater()
    {
        // Arrange
        using var fixture = new ReloadFixture();
        var before = fixture.Holder.Current;
        fixture.Write(ReloadFixture.AllowGet);
        fixture.Store.FailWrites = true;

        // Act
        var failed = await fixture.ReloadAsync();
        fixture.Store.FailWrites = false;
        var retried = await fixture.ReloadAsync();

        // Assert
        Assert.Equal((ConfigReloadResult.NotApplied, ConfigReloadResult.Reloaded), (failed, retried));
        Assert.NotSame(before, fixture.Holder.Current);
        Assert.Contains(fixture.Logger.Entries, e => e.Level == LogLevel.Critical && e.EventId == 204);
    }

    [Fact]
    public async Task Reload_SupersededWhileReading_NothingAppliedOrAudited()
    {
        // Arrange
        using var fixture = new ReloadFixture();
        var before = fixture.Holder.Current;
        fixture.Write(ReloadFixture.AllowGet);
        using var superseded = new CancellationTokenSource();
        await superseded.CancelAsync();

        // Act
        var result = await fixture.Reloader.ReloadAsync(superseded.Token);

        // Assert
        Assert.Equal(ConfigReloadResult.NotApplied, result);
        Assert.Same(before, fixture.Holder.Current);
        Assert.Empty(fixture.Store.Records);
        Assert.Equal(ConfigReloadResult.Reloaded, await fixture.ReloadAsync());
    }

    [Fact]
    public void Constructor_BuiltInConfiguration_Throws()
    {
        // Arrange
        using var fixture = new ReloadFixture();

        // Act / Assert
        Assert.Throws<ArgumentException>(() => new ConfigReloader(fixture.Holder, fixture.Startup with { SourcePath = null }, DesignToolCatalog.Instance, fixture.Auditor, fixture.Logger));
    }
}
