using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Sentrely.Configuration;
using Sentrely.Credentials;
using Sentrely.Invocation;
using Sentrely.Limits;
using Sentrely.Pipeline;
using Sentrely.Sessions;
using Sentrely.TestUtilities;

namespace Sentrely.Core.Tests.Limits;

public sealed class RateLimitStageTests
{
    private static readonly SessionContext Session = new("sess_abc", "jordan", "backend-api", "agent", null, null, "stdio");
    private readonly InMemoryRateLimitStore _store = new(new FakeTimeProvider());

    private static RateLimitRule Limit(string id, RateLimitScope per, int count = 1, params string[] tools) =>
        new() { Id = id, Tools = tools.Length == 0 ? ["*"] : tools, Per = per, Count = count, Period = RateLimitPeriod.Hour };

    [Theory]
    [InlineData(RateLimitScope.Session, "l/session:sess_abc")]
    [InlineData(RateLimitScope.Developer, "l/developer:jordan")]
    [InlineData(RateLimitScope.Project, "l/project:backend-api")]
    [InlineData(RateLimitScope.Global, "l/global:")]
    public void Key_Scope_CombinesLimitIdAndScopeValue(RateLimitScope per, string expected)
    {
        // Act
        var key = RateLimitStage.Key(Limit("l", per), Context([], Session, vends: true));

        // Assert
        Assert.Equal(expected, key);
    }

    [Fact]
    public async Task Execute_NoCredentialVending_NeverCounted()
    {
        // Arrange: a call that vends nothing, like list-permissions.
        var stage = new RateLimitStage(_store);
        var limits = new[] { Limit("all", RateLimitScope.Session) };

        // Act
        var results = new List<ToolCallRejection?>();
        for (var i = 0; i < 3; i++)
        {
            results.Add(await stage.ExecuteAsync(Context(limits, Session, vends: false), default));
        }

        // Assert
        Assert.All(results, Assert.Null);
        Assert.Equal(0, _store.Count);
    }

    [Fact]
    public async Task Execute_DeveloperScope_SharedAcrossSessions()
    {
        // Arrange
        var stage = new RateLimitStage(_store);
        var limits = new[] { Limit("dev", RateLimitScope.Developer) };
        await stage.ExecuteAsync(Context(limits, Session, vends: true), default);

        // Act
        var otherSession = await stage.ExecuteAsync(Context(limits, Session with { SessionId = "sess_other" }, vends: true), default);
        var otherDeveloper = await stage.ExecuteAsync(Context(limits, Session with { Developer = "sam" }, vends: true), default);

        // Assert
        Assert.NotNull(otherSession);
        Assert.Null(otherDeveloper);
    }

    [Fact]
    public async Task Execute_SessionScopeNewStdioSessionOfTheDeveloper_SharesTheBudget()
    {
        // Arrange: one stdio session of jordan uses the per-session budget.
        var stage = new RateLimitStage(_store);
        var limits = new[] { Limit("writes", RateLimitScope.Session) };
        await stage.ExecuteAsync(Context(limits, Session, vends: true), default);

        // Act
        var newSession = await stage.ExecuteAsync(Context(limits, Session with { SessionId = "sess_next" }, vends: true), default);
        var otherDeveloper = await stage.ExecuteAsync(Context(limits, Session with { SessionId = "sess_sam", Developer = "sam" }, vends: true), default);

        // Assert
        Assert.Equal(["writes"], newSession!.RuleIds);
        Assert.StartsWith("rate limit `writes`: 1/hour per session (used up by all sessions of developer `jordan` together); retry in ", newSession.Reason, StringComparison.Ordinal);
        Assert.Null(otherDeveloper);
    }

    [Fact]
    public async Task Execute_SessionScopeNewHttpSessionOfTheToken_SharesTheBudget()
    {
        // Arrange: one HTTP session of token t1 uses the per-session budget.
        var stage = new RateLimitStage(_store);
        var limits = new[] { Limit("writes", RateLimitScope.Session) };
        var http = Session with { Transport = "http", TokenId = "t1" };
        await stage.ExecuteAsync(Context(limits, http, vends: true), default);

        // Act
        var sameToken = await stage.ExecuteAsync(Context(limits, http with { SessionId = "sess_next" }, vends: true), default);
        var otherToken = await stage.ExecuteAsync(Context(limits, http with { SessionId = "sess_other", TokenId = "t2" }, vends: true), default);

        // Assert
        Assert.Equal(["writes"], sameToken!.RuleIds);
        Assert.Contains("(used up by all sessions of this token together)", sameToken.Reason, StringComparison.Ordinal);
        Assert.Null(otherToken);
    }

    [Fact]
    public async Task Execute_TwoLimitsEmpty_NamesBothAndWaitsForTheLonger()
    {
        // Arrange
        var stage = new RateLimitStage(_store);
        var limits = new[]
        {
            Limit("per-session", RateLimitScope.Session, 2),
            Limit("global", RateLimitScope.Global, 1),
        };
        await stage.ExecuteAsync(Context(limits, Session, vends: true), default);
        await stage.ExecuteAsync(Context([limits[0]], Session, vends: true), default);

        // Act
        var rejection = await stage.ExecuteAsync(Context(limits, Session, vends: true), default);

        // Assert
        Assert.NotNull(rejection);
        Assert.Equal((AuditDecisions.RateLimited, RateLimitStage.Code), (rejection.Decision, rejection.Code));
        Assert.Equal(["per-session", "global"], rejection.RuleIds);
        Assert.Equal(3600, rejection.RetryAfterSeconds);
        Assert.Equal("rate limit `per-session`: 2/hour per session; rate limit `global`: 1/hour across all sessions; retry in 3600 s", rejection.Reason);
    }

    private static ToolCallContext Context(IReadOnlyList<RateLimitRule> limits, SessionContext session, bool vends)
    {
        var handler = new FakeToolHandler("put-thing");
        var config = new SentrelyConfig { Policy = new PolicyConfig { RateLimits = limits } };
        var request = new ToolCallRequest(session, "put-thing", JsonDocument.Parse("{}").RootElement, NoFileRoots.Instance, NoFileRoots.Instance);
        return new ToolCallContext(request, Identifiers.NewCallId(), ActiveConfiguration.From(config))
        {
            Tool = new RegisteredTool(handler.Manifest(), handler),
            CredentialRequest = vends ? new CredentialRequest("arn:aws:iam::111122223333:role/r", "{}", [], "jordan", "s.c", 900) : null,
        };
    }
}
