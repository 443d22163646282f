using Sentrely.Pipeline;
using Sentrely.Sandbox;

namespace Sentrely.EndToEnd.Tests.InProcess;

/// <summary>Rate limits through the production composition: a refused call makes no AWS request at all.</summary>
public sealed class RateLimitIntegrationTests : IClassFixture<SandboxWorld>
{
    private const string Get = """{"bucket":"my-app-deployments","key":"builds/1.0/notes.txt"}""";
    private readonly SandboxWorld _world;

    public RateLimitIntegrationTests(SandboxWorld world) => _world = world;

    private AwsTestDouble Aws => _world.Double;

    [Fact]
    public async Task FourthCall_ThreePerMinute_RefusedWithRetryAfterAndNoAwsRequest()
    {
        // Arrange: the limit names every tool, but list-permissions vends no credentials and is never counted.
        var config = Path.Combine(_world.Folder, "config", "rate-limited.yaml");
        await File.WriteAllTextAsync(config, await File.ReadAllTextAsync(_world.ConfigPath) + """

              rateLimits:
                - { id: three-a-minute, tools: ["*"], per: session, limit: 3/minute }
            """);
        await using var sentrely = await InProcessSentrely.StartAsync(_world, config);
        Aws.ClearRecords();
        var permissions = new[] { await sentrely.CallAsync("list-permissions", "{}"), await sentrely.CallAsync("list-permissions", "{}") };
        var allowed = new List<ToolCallOutcome>();
        for (var i = 0; i < 3; i++)
        {
            allowed.Add(await sentrely.CallAsync("get-build-artifact", Get));
        }

        var exhausted = await sentrely.CallAsync("list-permissions", "{}");
        var requestsBefore = Aws.Requests.Count;
        var assumeRolesBefore = Aws.AssumeRoles.Count;

        // Act
        var fourth = await sentrely.CallAsync("get-build-artifact", Get);

        // Assert
        Assert.All(permissions.Concat(allowed), o => Assert.False(o.IsError, o.Message));
        Assert.Equal(3, Aws.Requests.Count(r => r.Action == "s3:GetObject"));
        Assert.True(fourth.IsError);
        Assert.Equal(AuditDecisions.RateLimited, fourth.Decision);
        Assert.Equal(["three-a-minute"], fourth.RuleIds);
        Assert.InRange(fourth.RetryAfterSeconds!.Value, 1, 20);
        Assert.StartsWith("rate limit `three-a-minute`: 3/minute per session; retry in ", fourth.Message, StringComparison.Ordinal);
        Assert.Equal(requestsBefore, Aws.Requests.Count);
        Assert.Equal(assumeRolesBefore, Aws.AssumeRoles.Count);
        Assert.DoesNotContain(Aws.AssumeRoles, a => a.RoleSessionName.Contains(fourth.CallId, StringComparison.Ordinal));

        // list-permissions reports the live budget of this session's bucket.
        Assert.Equal(3, permissions[1].Structured!.Value.GetProperty("rateLimits")[0].GetProperty("remaining").GetInt32());
        Assert.Equal(0, exhausted.Structured!.Value.GetProperty("rateLimits")[0].GetProperty("remaining").GetInt32());
        Assert.Equal("3/minute per session", exhausted.Structured.Value.GetProperty("rateLimits")[0].GetProperty("limit").GetString());
    }
}
