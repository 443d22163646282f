using Sentrely.EndToEnd.Tests.Stdio;
using Sentrely.Pipeline;

namespace Sentrely.EndToEnd.Tests.Limits;

/// <summary>Limits hold across <c>sentrely serve</c> processes on one store: a restart or a new session brings no fresh budget.</summary>
public sealed class StdioLimitsAcrossProcessesTests : IClassFixture<SandboxWorld>
{
    private readonly SandboxWorld _world;

    public StdioLimitsAcrossProcessesTests(SandboxWorld world) => _world = world;

    [Fact]
    public async Task Serve_SecondProcessOnTheSameStore_DeveloperRateLimitAndRunningCapStillHold()
    {
        // Arrange: the first process uses the developer's 2 reads and its 1 running instance.
        var config = await LimitsWorld.WriteConfigAsync(
            _world,
            "- { id: dev-reads, tools: [get-build-artifact], per: developer, limit: 2/hour }",
            "maxRunningPerDeveloper: 1");
        var first = new List<string?>();
        await using (var session = await McpClientSession.StartAsync(_world, configPath: config))
        {
            first.Add(await LimitsWorld.ReadAsync(session.Client));
            first.Add(await LimitsWorld.ReadAsync(session.Client));
            first.Add(await LimitsWorld.LaunchAsync(session.Client));
        }

        // Act: the next process, after the first exited.
        await using var next = await McpClientSession.StartAsync(_world, configPath: config);
        var read = await LimitsWorld.ReadAsync(next.Client);
        var launch = await LimitsWorld.LaunchAsync(next.Client);

        // Assert
        Assert.Equal(["allow", "allow", "allow"], first);
        Assert.Equal(AuditDecisions.RateLimited, read);
        Assert.Equal(AuditDecisions.CostLimited, launch);
    }

    [Fact]
    public async Task Serve_PerSessionLimitSecondProcessOfTheDeveloper_NoMoreThanTheLimitInTotal()
    {
        // Arrange: the first session makes its 2 reads.
        var config = await LimitsWorld.WriteConfigAsync(_world, "- { id: session-reads, tools: [get-build-artifact], per: session, limit: 2/hour }");
        var first = new List<string?>();
        await using (var session = await McpClientSession.StartAsync(_world, configPath: config))
        {
            first.Add(await LimitsWorld.ReadAsync(session.Client));
            first.Add(await LimitsWorld.ReadAsync(session.Client));
        }

        // Act: a new session of the same developer (a new stdio process).
        await using var next = await McpClientSession.StartAsync(_world, configPath: config);
        var read = await LimitsWorld.ReadAsync(next.Client);

        // Assert
        Assert.Equal(["allow", "allow"], first);
        Assert.Equal(AuditDecisions.RateLimited, read);
    }
}
