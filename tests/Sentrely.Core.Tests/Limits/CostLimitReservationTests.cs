using Sentrely.Configuration;
using Sentrely.Invocation;
using Sentrely.Limits;
using Sentrely.Pipeline;

namespace Sentrely.Core.Tests.Limits;

public sealed class CostLimitReservationTests
{
    [Fact]
    public async Task ReservationStage_ConcurrentLaunchesPastTheEarlyCheck_OnlyOneFits()
    {
        // Arrange: both calls passed the early check before either reached AWS.
        var world = new LimitsWorld(new Ec2CostLimits { MaxRunningPerSession = 2 });
        var stage = new CostLimitReservationStage(world.Ledger);
        var first = world.RunInstances(world.Jordan1, "t3.micro", 2);
        var second = world.RunInstances(world.Jordan1, "t3.micro", 1);
        Assert.Null(await world.CheckAsync(first));
        Assert.Null(await world.CheckAsync(second));

        // Act
        var firstReserved = await stage.ExecuteAsync(first, default);
        var secondReserved = await stage.ExecuteAsync(second, default);

        // Assert
        Assert.Null(firstReserved);
        Assert.NotNull(secondReserved);
        Assert.Equal(AuditDecisions.CostLimited, secondReserved.Decision);
    }

    [Fact]
    public async Task Reservation_ObservedLaunch_ReplacedByTheInstances()
    {
        // Arrange
        var world = new LimitsWorld(new Ec2CostLimits { MaxRunningPerSession = 2 });
        var call = world.RunInstances(world.Jordan1, "t3.micro", 2);
        await new CostLimitReservationStage(world.Ledger).ExecuteAsync(call, default);

        // Act
        await new InstanceLedgerObserver(world.Ledger, world.Time).OnInvokedAsync(call, LimitsWorld.RunResult("t3.micro", "i-0000000000000000a", "i-0000000000000000b"), default);
        var usage = await world.Ledger.UsageAsync(world.Jordan1.SessionId, "jordan", null, default);

        // Assert
        Assert.Equal(2, usage.SessionRunning);
    }

    [Fact]
    public async Task Reservation_NeverObserved_ExpiresAfterItsLifetime()
    {
        // Arrange
        var world = new LimitsWorld(new Ec2CostLimits { MaxRunningPerSession = 2 });
        await new CostLimitReservationStage(world.Ledger).ExecuteAsync(world.RunInstances(world.Jordan1, "t3.micro", 2), default);
        var held = await world.CheckAsync(world.RunInstances(world.Jordan1, "t3.micro", 1));

        // Act
        world.Time.Advance(InMemoryInstanceLedger.ReservationLifetime);
        var afterExpiry = await world.CheckAsync(world.RunInstances(world.Jordan1, "t3.micro", 1));

        // Assert
        Assert.NotNull(held);
        Assert.Null(afterExpiry);
    }

    [Fact]
    public async Task Reservation_FailedLaunch_Released()
    {
        // Arrange
        var world = new LimitsWorld(new Ec2CostLimits { MaxRunningPerSession = 2 });
        var call = world.RunInstances(world.Jordan1, "t3.micro", 2);
        await new CostLimitReservationStage(world.Ledger).ExecuteAsync(call, default);

        // Act
        await new InstanceLedgerObserver(world.Ledger, world.Time).OnInvokedAsync(call, ToolInvocationResult.Failure("InsufficientInstanceCapacity", "no capacity", ["req-1"]), default);

        // Assert
        Assert.Null(await world.CheckAsync(world.RunInstances(world.Jordan1, "t3.micro", 2)));
    }
}
