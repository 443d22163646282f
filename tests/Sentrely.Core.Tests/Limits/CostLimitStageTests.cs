using Sentrely.Configuration;
using Sentrely.Limits;
using Sentrely.Pipeline;

namespace Sentrely.Core.Tests.Limits;

public sealed class CostLimitStageTests
{
    [Fact]
    public void Stages_Order_CheckBeforeApprovalReserveLast()
    {
        // Arrange
        var ledger = new InMemoryInstanceLedger(TimeProvider.System);

        // Act
        var (check, reserve) = (new CostLimitStage(ledger).Order, new CostLimitReservationStage(ledger).Order);

        // Assert
        Assert.Equal((StageOrder.Limits, StageOrder.LimitReservations), (check, reserve));
        Assert.True(check < StageOrder.Approval && reserve > StageOrder.RateLimits && reserve > StageOrder.CredentialScope);
    }

    [Fact]
    public async Task CostLimitStage_SessionCapReached_RefusesCostLimitedNamingTheCap()
    {
        // Arrange
        var world = new LimitsWorld(new Ec2CostLimits { MaxRunningPerSession = 2 });
        await world.LaunchedAsync(world.Jordan1, "t3.micro", 2);

        // Act
        var rejection = await world.CheckAsync(world.RunInstances(world.Jordan1, "t3.micro", 1));

        // Assert
        Assert.NotNull(rejection);
        Assert.Equal((AuditDecisions.CostLimited, "CostLimited"), (rejection.Decision, rejection.Code));
        Assert.Equal(["limits.ec2.maxRunningPerSession"], rejection.RuleIds);
        Assert.Contains("would make 3 instances running in this session, over its cap of 2", rejection.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CostLimitStage_UnderSessionCap_Allows()
    {
        // Arrange
        var world = new LimitsWorld(new Ec2CostLimits { MaxRunningPerSession = 3 });
        await world.LaunchedAsync(world.Jordan1, "t3.micro", 1);
        await world.LaunchedAsync(world.Jordan1, "t3.micro", 5, LedgerInstanceState.Stopped);
        await world.LaunchedAsync(world.Jordan2, "t3.micro", 5);

        // Act
        var rejection = await world.CheckAsync(world.RunInstances(world.Jordan1, "t3.micro", 2));

        // Assert
        Assert.Null(rejection);
    }

    [Fact]
    public async Task CostLimitStage_NewSessionOfTheSameToken_CountsTheTokensInstancesAgainstPerSessionCaps()
    {
        // Arrange: token t1's first session launched two instances through the pipeline's observer.
        var world = new LimitsWorld(new Ec2CostLimits { MaxRunningPerSession = 2 });
        var first = world.Jordan1 with { Transport = "http", TokenId = "t1" };
        await new InstanceLedgerObserver(world.Ledger, world.Time).OnInvokedAsync(world.RunInstances(first, "t3.micro", 2), LimitsWorld.RunResult("t3.micro", "i-0aaaaaaaaaaaaaaa1", "i-0aaaaaaaaaaaaaaa2"), default);

        // Act
        var sameToken = await world.CheckAsync(world.RunInstances(world.Jordan2 with { Transport = "http", TokenId = "t1" }, "t3.micro", 1));
        var otherToken = await world.CheckAsync(world.RunInstances(world.Jordan2 with { Transport = "http", TokenId = "t2" }, "t3.micro", 1));

        // Assert
        Assert.Equal(["limits.ec2.maxRunningPerSession"], sameToken!.RuleIds);
        Assert.Null(otherToken);
    }

    [Fact]
    public async Task CostLimitStage_DeveloperCapAcrossTwoSessions_RefusesOnlyThatDeveloper()
    {
        // Arrange
        var world = new LimitsWorld(new Ec2CostLimits { MaxRunningPerDeveloper = 3 });
        await world.LaunchedAsync(world.Jordan1, "t3.micro", 2);
        await world.LaunchedAsync(world.Jordan2, "t3.micro", 1);
        await world.LaunchedAsync(world.Sam, "t3.micro", 3);

        // Act
        var jordan = await world.CheckAsync(world.RunInstances(world.Jordan2, "t3.micro", 1));
        var other = await world.CheckAsync(world.RunInstances(LimitsWorld.Session("sess_alex", "alex"), "t3.micro", 3));

        // Assert
        Assert.NotNull(jordan);
        Assert.Equal(["limits.ec2.maxRunningPerDeveloper"], jordan.RuleIds);
        Assert.Contains("4 instances running for developer `jordan` across sessions, over the cap of 3", jordan.Reason, StringComparison.Ordinal);
        Assert.Null(other);
    }

    [Fact]
    public async Task CostLimitStage_HourlyCapExceeded_SaysByHowMuchAndThatPricesAreDatedEstimates()
    {
        // Arrange
        var world = new LimitsWorld(new Ec2CostLimits
        {
            MaxHourlyCostPerSession = 2.50m,
            Prices = new Dictionary<string, decimal> { ["t3.large"] = 1.11m },
        });
        await world.LaunchedAsync(world.Jordan1, "t3.large", 2);

        // Act
        var rejection = await world.CheckAsync(world.RunInstances(world.Jordan1, "t3.large", 1));

        // Assert
        Assert.NotNull(rejection);
        Assert.Equal(["limits.ec2.maxHourlyCostPerSession"], rejection.RuleIds);
        Assert.Contains(
            $"would raise this session's estimated cost to $3.33/hour, over the $2.50/hour cap (limits.ec2.maxHourlyCostPerSession) by $0.83; prices are on-demand estimates dated {Ec2PriceTable.Shipped.Date}",
            rejection.Reason,
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task CostLimitStage_HourlyCapWithShippedPrices_AllowsUpToTheCap()
    {
        // Arrange: 4 × t3.micro at the shipped $0.0104 = $0.0416 exactly.
        var world = new LimitsWorld(new Ec2CostLimits { MaxHourlyCostPerSession = 0.0416m });
        await world.LaunchedAsync(world.Jordan1, "t3.micro", 2);

        // Act
        var atCap = await world.CheckAsync(world.RunInstances(world.Jordan1, "t3.micro", 2));
        var overCap = await world.CheckAsync(world.RunInstances(world.Jordan1, "t3.micro", 3));

        // Assert
        Assert.Null(atCap);
        Assert.NotNull(overCap);
        Assert.Contains("$0.052/hour", overCap.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CostLimitStage_UnknownTypeUnderHourlyCap_RefusedAskingForAPrice()
    {
        // Arrange
        var world = new LimitsWorld(new Ec2CostLimits { MaxHourlyCostPerSession = 100m });

        // Act
        var rejection = await world.CheckAsync(world.RunInstances(world.Jordan1, "x9z.mega", 1));

        // Assert
        Assert.NotNull(rejection);
        Assert.Equal(AuditDecisions.CostLimited, rejection.Decision);
        Assert.Contains("no on-demand price is known for `x9z.mega`", rejection.Reason, StringComparison.Ordinal);
        Assert.Contains("limits.ec2.prices", rejection.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CostLimitStage_UnknownTypeWithoutHourlyCap_Allowed()
    {
        // Arrange
        var world = new LimitsWorld(new Ec2CostLimits { MaxRunningPerSession = 5 });

        // Act
        var rejection = await world.CheckAsync(world.RunInstances(world.Jordan1, "x9z.mega", 1));

        // Assert
        Assert.Null(rejection);
    }

    [Fact]
    public async Task CostLimitStage_SeveralCapsExceeded_NamesEveryCap()
    {
        // Arrange
        var world = new LimitsWorld(new Ec2CostLimits { MaxRunningPerSession = 1, MaxRunningPerDeveloper = 1, MaxHourlyCostPerSession = 0.01m });
        await world.LaunchedAsync(world.Jordan1, "t3.micro", 1);

        // Act
        var rejection = await world.CheckAsync(world.RunInstances(world.Jordan1, "t3.micro", 1));

        // Assert
        Assert.NotNull(rejection);
        Assert.Equal(["limits.ec2.maxRunningPerSession", "limits.ec2.maxRunningPerDeveloper", "limits.ec2.maxHourlyCostPerSession"], rejection.RuleIds);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task CostLimitStage_CapsUnset_NeverRefuses(bool withPricesOnly)
    {
        // Arrange
        var world = new LimitsWorld(withPricesOnly ? new Ec2CostLimits { Prices = new Dictionary<string, decimal> { ["t3.micro"] = 99m } } : null);
        await world.LaunchedAsync(world.Jordan1, "p4d.24xlarge", 50);

        // Act
        var rejection = await world.CheckAsync(world.RunInstances(world.Jordan1, "x9z.mega", 10));

        // Assert
        Assert.Null(rejection);
    }

    [Fact]
    public async Task CostLimitStage_StartOfStoppedLedgerInstances_CountsTowardTheCap()
    {
        // Arrange
        var world = new LimitsWorld(new Ec2CostLimits { MaxRunningPerSession = 2 });
        await world.LaunchedAsync(world.Jordan1, "t3.micro", 1);
        var stopped = await world.LaunchedAsync(world.Jordan1, "t3.micro", 2, LedgerInstanceState.Stopped);
        var running = await world.LaunchedAsync(world.Jordan2, "t3.micro", 1);

        // Act
        var both = await world.CheckAsync(world.InstanceCall(world.Jordan1, "start-instances", stopped));
        var one = await world.CheckAsync(world.InstanceCall(world.Jordan1, "start-instances", [stopped[0], .. running, "i-0123456789abcdef0"]));

        // Assert
        Assert.NotNull(both);
        Assert.Contains("starting 2 t3.micro instances would make 3 instances running", both.Reason, StringComparison.Ordinal);
        Assert.Null(one);
    }

    [Fact]
    public async Task CostLimitStage_OtherTools_NeverRefused()
    {
        // Arrange
        var world = new LimitsWorld(new Ec2CostLimits { MaxRunningPerSession = 0 });

        // Act
        var stop = await world.CheckAsync(world.InstanceCall(world.Jordan1, "stop-instances", ["i-0123456789abcdef0"]));
        var startUnknown = await world.CheckAsync(world.InstanceCall(world.Jordan1, "start-instances", ["i-0123456789abcdef0"]));

        // Assert
        Assert.Null(stop);
        Assert.Null(startUnknown);
    }
}
