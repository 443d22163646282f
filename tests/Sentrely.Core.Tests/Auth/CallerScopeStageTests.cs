using System.Text.Json;
using Sentrely.Auth;
using Sentrely.Configuration;
using Sentrely.Pipeline;
using Sentrely.Sessions;
using Sentrely.TestUtilities;

namespace Sentrely.Core.Tests.Auth;

public sealed class CallerScopeStageTests
{
    private static readonly SessionContext Session = new("sess_test0000000000000000", "jordan", "backend-api", "agent", null, null, "http");

    [Fact]
    public async Task Execute_NoCaller_Continues()
    {
        // Act
        var rejection = await new CallerScopeStage().ExecuteAsync(Context("get-build-artifact", null), default);

        // Assert
        Assert.Null(rejection);
    }

    [Fact]
    public async Task Execute_UnscopedToken_Continues()
    {
        // Act
        var rejection = await new CallerScopeStage().ExecuteAsync(Context("get-build-artifact", new CallerScope("tok_a", null)), default);

        // Assert
        Assert.Null(rejection);
    }

    [Theory]
    [InlineData("describe-instances")]
    [InlineData("describe-*")]
    public async Task Execute_ToolInScope_Continues(string glob)
    {
        // Act
        var rejection = await new CallerScopeStage().ExecuteAsync(Context("describe-instances", new CallerScope("tok_a", [glob])), default);

        // Assert
        Assert.Null(rejection);
    }

    [Fact]
    public async Task Execute_ToolOutsideScope_DenyNamingTokenAndScope()
    {
        // Act
        var rejection = await new CallerScopeStage().ExecuteAsync(Context("get-build-artifact", new CallerScope("tok_a", ["describe-*", "list-functions"])), default);

        // Assert
        Assert.NotNull(rejection);
        Assert.Equal((AuditDecisions.Deny, CallerScopeStage.OutOfScopeCode), (rejection.Decision, rejection.Code));
        Assert.Contains("tok_a", rejection.Reason, StringComparison.Ordinal);
        Assert.Contains("describe-*, list-functions", rejection.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Order_AfterKillSwitchBeforeValidation()
    {
        // Assert
        Assert.InRange(new CallerScopeStage().Order, StageOrder.KillSwitch + 1, StageOrder.Validation - 1);
    }

    private static ToolCallContext Context(string tool, CallerScope? caller) =>
        new(new ToolCallRequest(Session, tool, JsonDocument.Parse("{}").RootElement, NoFileRoots.Instance, NoFileRoots.Instance, Caller: caller),
            Identifiers.NewCallId(), ActiveConfiguration.From(new SentrelyConfig()));
}
