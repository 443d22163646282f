using Sentrely.Pipeline;
using Sentrely.Sandbox;

namespace Sentrely.EndToEnd.Tests.InProcess;

/// <summary>EC2 cost limits through the production composition against the sandbox: the ledger follows real launches and stops.</summary>
public sealed class CostLimitTests : IClassFixture<SandboxWorld>, IAsyncLifetime
{
    private readonly SandboxWorld _world;
    private InProcessSentrely _sentrely = null!;

    public CostLimitTests(SandboxWorld world) => _world = world;

    private AwsTestDouble Aws => _world.Double;

    private static string Launch => $$"""{"imageId":"{{SandboxWorld.Image}}","instanceType":"t3.micro","count":1,"subnetId":"{{SandboxWorld.Subnet}}"}""";

    public async Task InitializeAsync()
    {
        var path = Path.Combine(_world.Folder, "config", "cost-limits.yaml");
        // A store per test: the ledger lives in the store, and per-session caps count every session of the developer.
        var store = Path.Combine(_world.Folder, "state", $"cost-limits-{Guid.NewGuid():N}.db");
        var config = (await File.ReadAllTextAsync(_world.ConfigPath)).Replace(_world.StorePath, store, StringComparison.Ordinal)
            + "\nlimits:\n  ec2:\n    maxRunningPerSession: 2\n    maxHourlyCostPerSession: 0.50\n";
        await File.WriteAllTextAsync(path, config);
        _sentrely = await InProcessSentrely.StartAsync(_world, path);
    }

    public async Task DisposeAsync() => await _sentrely.DisposeAsync();

    [Fact]
    public async Task RunInstances_ThirdLaunchOverSessionCap_CostLimitedWithoutAwsRequest_AllowedAgainAfterStop()
    {
        // Arrange
        var first = await _sentrely.CallAsync("run-instances", Launch);
        var second = await _sentrely.CallAsync("run-instances", Launch);
        Assert.False(first.IsError, first.Message);
        Assert.False(second.IsError, second.Message);
        var firstId = first.Structured!.Value.GetProperty("instances")[0].GetProperty("instanceId").GetString()!;
        Aws.ClearRecords();

        // Act
        var third = await _sentrely.CallAsync("run-instances", Launch);
        var awsRequestsForThird = Aws.Requests.Count + Aws.AssumeRoles.Count;
        var headroom = (await _sentrely.CallAsync("list-permissions", "{}")).Structured!.Value.GetProperty("costLimits");
        var stop = await _sentrely.CallAsync("stop-instances", $$"""{"instanceIds":["{{firstId}}"]}""");
        var afterStop = await _sentrely.CallAsync("run-instances", Launch);

        // Assert
        Assert.True(third.IsError);
        Assert.Equal(AuditDecisions.CostLimited, third.Decision);
        Assert.Equal(["limits.ec2.maxRunningPerSession"], third.RuleIds);
        Assert.Contains("over its cap of 2", third.Message, StringComparison.Ordinal);
        Assert.Equal(0, awsRequestsForThird);
        Assert.Equal(2, headroom.GetProperty("sessionRunning").GetInt32());
        Assert.Equal(2, headroom.GetProperty("maxRunningPerSession").GetInt32());
        Assert.Equal(0.0208m, headroom.GetProperty("sessionHourlyCost").GetDecimal());
        Assert.False(stop.IsError, stop.Message);
        Assert.False(afterStop.IsError, afterStop.Message);
        Assert.Equal("running", Aws.State.GetInstance(afterStop.Structured!.Value.GetProperty("instances")[0].GetProperty("instanceId").GetString()!)!.State);
    }

    [Fact]
    public async Task RunInstances_OverHourlyCap_CostLimitedSayingByHowMuch()
    {
        // Arrange: one t3.2xlarge is $0.3328/hour in the shipped table, under the $0.50 cap.
        var first = await _sentrely.CallAsync("run-instances", $$"""{"imageId":"{{SandboxWorld.Image}}","instanceType":"t3.2xlarge","count":1}""");
        Aws.ClearRecords();

        // Act
        var second = await _sentrely.CallAsync("run-instances", $$"""{"imageId":"{{SandboxWorld.Image}}","instanceType":"t3.2xlarge","count":1}""");

        // Assert
        Assert.False(first.IsError, first.Message);
        Assert.Equal(AuditDecisions.CostLimited, second.Decision);
        Assert.Equal(["limits.ec2.maxHourlyCostPerSession"], second.RuleIds);
        Assert.Contains("$0.6656/hour, over the $0.50/hour cap (limits.ec2.maxHourlyCostPerSession) by $0.1656", second.Message, StringComparison.Ordinal);
        Assert.Empty(Aws.Requests);
    }
}
