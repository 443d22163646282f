using System.Text.Json;
using Sentrely.Configuration;
using Sentrely.Invocation;
using Sentrely.Limits;

namespace Sentrely.Core.Tests.Limits;

public sealed class InstanceLedgerObserverTests
{
    private const string A = "i-0000000000000000a";
    private const string B = "i-0000000000000000b";

    private readonly LimitsWorld _world = new(new Ec2CostLimits { MaxRunningPerSession = 10 });

    private InstanceLedgerObserver Observer => new(_world.Ledger, _world.Time);

    [Fact]
    public async Task Observer_RunInstancesSuccess_RecordsIdsTypesAndSession()
    {
        // Act
        await Observer.OnInvokedAsync(_world.RunInstances(_world.Jordan1, "t3.micro", 2), LimitsWorld.RunResult("t3.micro", A, B), default);

        // Assert
        var found = await _world.Ledger.FindAsync([A, B], default);
        Assert.Equal(2, found.Count);
        Assert.All(found, i => Assert.Equal(("t3.micro", "sess_jordan1", "jordan", "backend-api", LedgerInstanceState.Running), (i.InstanceType, i.SessionId, i.Developer, i.Project, i.State)));
        Assert.All(found, i => Assert.Equal(_world.Time.GetUtcNow(), i.LaunchedAt));
    }

    [Fact]
    public async Task Observer_RunInstancesFailure_RecordsNothing()
    {
        // Act
        await Observer.OnInvokedAsync(_world.RunInstances(_world.Jordan1, "t3.micro", 2), ToolInvocationResult.Failure("UnauthorizedOperation", "denied", []), default);

        // Assert
        Assert.Equal(0, (await _world.Ledger.UsageAsync("sess_jordan1", "jordan", null, default)).SessionRunning);
    }

    [Fact]
    public async Task Observer_RunInstancesSuccessWithoutIds_CountsTheRequestedInstancesAnyway()
    {
        // Act
        await Observer.OnInvokedAsync(
            _world.RunInstances(_world.Jordan1, "t3.micro", 3),
            ToolInvocationResult.Success(JsonSerializer.SerializeToElement(new { unexpected = true }), "launched", []),
            default);

        // Assert
        var usage = await _world.Ledger.UsageAsync("sess_jordan1", "jordan", null, default);
        Assert.Equal(3, usage.SessionByType["t3.micro"]);
    }

    [Theory]
    [InlineData("stop-instances", "stopping", LedgerInstanceState.Stopped)]
    [InlineData("terminate-instances", "shutting-down", LedgerInstanceState.Terminated)]
    public async Task Observer_StopOrTerminateSuccess_MarksNotRunning(string tool, string current, LedgerInstanceState expected)
    {
        // Arrange
        await Observer.OnInvokedAsync(_world.RunInstances(_world.Jordan1, "t3.micro", 2), LimitsWorld.RunResult("t3.micro", A, B), default);

        // Act
        await Observer.OnInvokedAsync(_world.InstanceCall(_world.Jordan1, tool, [A]), LimitsWorld.StateResult(current, A), default);

        // Assert
        var found = (await _world.Ledger.FindAsync([A, B], default)).ToDictionary(i => i.InstanceId, i => i.State);
        Assert.Equal(expected, found[A]);
        Assert.Equal(LedgerInstanceState.Running, found[B]);
        Assert.Equal(1, (await _world.Ledger.UsageAsync("sess_jordan1", "jordan", null, default)).SessionRunning);
    }

    [Fact]
    public async Task Observer_StopFailure_KeepsRunning()
    {
        // Arrange
        await Observer.OnInvokedAsync(_world.RunInstances(_world.Jordan1, "t3.micro", 1), LimitsWorld.RunResult("t3.micro", A), default);

        // Act
        await Observer.OnInvokedAsync(_world.InstanceCall(_world.Jordan1, "stop-instances", [A]), ToolInvocationResult.Failure("IncorrectInstanceState", "no", []), default);

        // Assert
        Assert.Equal(LedgerInstanceState.Running, Assert.Single(await _world.Ledger.FindAsync([A], default)).State);
    }

    [Fact]
    public async Task Observer_StartOfKnownStoppedInstance_RunningAgainCountedAgainstTheStartingSession()
    {
        // Arrange
        await Observer.OnInvokedAsync(_world.RunInstances(_world.Jordan1, "t3.micro", 1), LimitsWorld.RunResult("t3.micro", A), default);
        await Observer.OnInvokedAsync(_world.InstanceCall(_world.Jordan1, "stop-instances", [A]), LimitsWorld.StateResult("stopped", A), default);

        // Act
        await Observer.OnInvokedAsync(_world.InstanceCall(_world.Jordan2, "start-instances", [A, B]), LimitsWorld.StateResult("pending", A, B), default);

        // Assert
        var instance = Assert.Single(await _world.Ledger.FindAsync([A, B], default));
        Assert.Equal((LedgerInstanceState.Running, "sess_jordan2"), (instance.State, instance.SessionId));
        Assert.Equal(0, (await _world.Ledger.UsageAsync("sess_jordan1", "jordan", null, default)).SessionRunning);
    }

    [Fact]
    public async Task Observer_StartOfTerminatedInstance_StaysTerminated()
    {
        // Arrange
        await Observer.OnInvokedAsync(_world.RunInstances(_world.Jordan1, "t3.micro", 1), LimitsWorld.RunResult("t3.micro", A), default);
        await Observer.OnInvokedAsync(_world.InstanceCall(_world.Jordan1, "terminate-instances", [A]), LimitsWorld.StateResult("terminated", A), default);

        // Act
        await Observer.OnInvokedAsync(_world.InstanceCall(_world.Jordan1, "start-instances", [A]), LimitsWorld.StateResult("pending", A), default);
        await Observer.OnInvokedAsync(_world.InstanceCall(_world.Jordan1, "stop-instances", [A]), LimitsWorld.StateResult("stopped", A), default);

        // Assert
        Assert.Equal(LedgerInstanceState.Terminated, Assert.Single(await _world.Ledger.FindAsync([A], default)).State);
    }

    [Fact]
    public async Task Observer_OtherTool_IgnoresResult()
    {
        // Act
        await Observer.OnInvokedAsync(_world.InstanceCall(_world.Jordan1, "describe-instances", [A]), LimitsWorld.RunResult("t3.micro", A), default);

        // Assert
        Assert.Empty(await _world.Ledger.FindAsync([A], default));
    }
}
