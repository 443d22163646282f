using Sentrely.Limits;
using Sentrely.Pipeline;
using Sentrely.Policy;

namespace Sentrely.Core.Tests.Pipeline;

public sealed class RateLimitPipelineTests
{
    private const string Args = """{"bucket":"my-app-deployments","key":"builds/app.zip"}""";

    private static RateLimitRule Writes(int count) =>
        new() { Id = "writes", Tools = ["put-*"], Per = RateLimitScope.Session, Count = count, Period = RateLimitPeriod.Minute };

    [Fact]
    public async Task RunAsync_BucketEmpty_AuditedRateLimitedAndNeverReachesVendor()
    {
        // Arrange
        var fixture = new PipelineFixture([PipelineFixture.AllowAll()], rateLimits: [Writes(2)]);
        await fixture.CallAsync("put-thing", Args);
        await fixture.CallAsync("put-thing", Args);

        // Act
        var outcome = await fixture.CallAsync("put-thing", Args);

        // Assert
        Assert.True(outcome.IsError);
        Assert.Equal(AuditDecisions.RateLimited, outcome.Decision);
        Assert.Equal("rate limit `writes`: 2/minute per session; retry in 30 s", outcome.Message);
        Assert.Equal(30, outcome.RetryAfterSeconds);
        Assert.Equal(["writes"], outcome.RuleIds);
        Assert.Equal(2, fixture.Vendor.Requests.Count);
        Assert.Equal(2, fixture.Handler.Invocations.Count);
        var records = fixture.Store.Records.Where(r => r.CallId == outcome.CallId).ToList();
        Assert.Equal(["intent", "outcome"], records.Select(r => r.Phase));
        Assert.All(records, r => Assert.Equal(AuditDecisions.RateLimited, r.Decision));
        Assert.All(records, r => Assert.Equal(["writes"], r.RuleIds));
        Assert.Equal(RateLimitStage.Code, records[1].ErrorCode);
        Assert.Null(records[1].RoleSessionName);
    }

    [Fact]
    public async Task RunAsync_AfterRefill_AllowedAgain()
    {
        // Arrange
        var fixture = new PipelineFixture([PipelineFixture.AllowAll()], rateLimits: [Writes(1)]);
        await fixture.CallAsync("put-thing", Args);
        var refused = await fixture.CallAsync("put-thing", Args);

        // Act
        fixture.Time.Advance(TimeSpan.FromSeconds(refused.RetryAfterSeconds!.Value));
        var retried = await fixture.CallAsync("put-thing", Args);

        // Assert
        Assert.Equal(60, refused.RetryAfterSeconds);
        Assert.False(retried.IsError, retried.Message);
        Assert.Equal(2, fixture.Vendor.Requests.Count);
    }

    [Fact]
    public async Task RunAsync_DeniedByPolicy_TakesNoToken()
    {
        // Arrange
        var deny = new PolicyRule { Id = "no-secrets", Effect = PolicyEffect.Deny, Tools = ["*"], Resources = ["arn:aws:s3:::*/secret*"] };
        var fixture = new PipelineFixture([PipelineFixture.AllowAll(), deny], rateLimits: [Writes(1)]);

        // Act
        var denied = await fixture.CallAsync("put-thing", """{"bucket":"b","key":"secret.txt"}""");
        var invalid = await fixture.CallAsync("put-thing", """{"bucket":"b"}""");
        var allowed = await fixture.CallAsync("put-thing", Args);

        // Assert
        Assert.Equal(AuditDecisions.Deny, denied.Decision);
        Assert.Equal(AuditDecisions.Deny, invalid.Decision);
        Assert.False(allowed.IsError, allowed.Message);
    }

    [Fact]
    public async Task RunAsync_LimitNamesOtherTools_NotCounted()
    {
        // Arrange
        var other = Writes(1) with { Id = "deploys", Tools = ["update-*"] };
        var fixture = new PipelineFixture([PipelineFixture.AllowAll()], rateLimits: [other]);

        // Act
        var first = await fixture.CallAsync("put-thing", Args);
        var second = await fixture.CallAsync("put-thing", Args);

        // Assert
        Assert.False(first.IsError || second.IsError);
    }
}
