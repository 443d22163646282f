using Sentrely.Approval;
using Sentrely.Limits;
using Sentrely.Mcp.Hosting;
using Sentrely.Pipeline;
using Sentrely.Sessions;
using Sentrely.TestUtilities;

namespace Sentrely.EndToEnd.Tests.InProcess;

/// <summary>The production stages, in DESIGN.md's order: kill switch, validate, policy, cost limits, approval, scope, rate limits, reserve.</summary>
public sealed class ProductionPipelineTests
{
    [Fact]
    public void Stages_ProductionSet_OrderedByStageOrder()
    {
        var killSwitch = new KillSwitchStage(new InMemorySessionRegistry(), _ => { }, TimeProvider.System);
        var stages = SentrelyRuntime.Stages(new InMemoryRateLimitStore(TimeProvider.System), new InMemoryInstanceLedger(TimeProvider.System), killSwitch, new ApprovalStage(new InMemoryApprovalStore(), new RecordingApprovalNotifier(), null, killSwitch, TimeProvider.System, Microsoft.Extensions.Logging.Abstractions.NullLogger<ApprovalStage>.Instance));

        Assert.Equal(
            ["KillSwitchStage", "CallerScopeStage", "ArgumentValidationStage", "PolicyStage", "CostLimitStage", "ApprovalStage", "CredentialScopeStage", "RateLimitStage", "CostLimitReservationStage"],
            stages.OrderBy(s => s.Order).Select(s => s.GetType().Name));
        Assert.Equal(stages.Length, stages.Select(s => s.Order).Distinct().Count());
        Assert.Contains(stages, s => s.Order == StageOrder.RateLimits);
    }
}
