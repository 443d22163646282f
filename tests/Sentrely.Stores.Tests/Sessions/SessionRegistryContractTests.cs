using Sentrely.Sessions;

namespace Sentrely.Stores.Tests.Sessions;

/// <summary>The contract every <see cref="ISessionRegistry"/> meets; one subclass per backend.</summary>
public abstract class SessionRegistryContractTests : IAsyncLifetime
{
    protected static readonly DateTimeOffset Start = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);

    private static readonly SessionContext Jordan = new("sess_jordan0000000000000", "jordan", "backend-api", "agent", "claude-code", "1.0", "http");

    /// <summary>Creates a registry instance over this test's data (every call another instance, as another process has).</summary>
    protected abstract ISessionRegistry CreateRegistry();

    public virtual Task InitializeAsync() => Task.CompletedTask;

    public virtual Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task RegisterTouchEnd_OtherInstanceListsEachStep()
    {
        // Arrange
        var server = CreateRegistry();
        var cli = CreateRegistry();
        await server.RegisterAsync(new SessionRecord(Jordan.SessionId, "jordan", "", null, null, "http", 1234, "host-a", Start), default);

        // Act
        await server.TouchAsync(Jordan, Start.AddMinutes(1), default);
        var touched = Assert.Single(await cli.ListAsync(default));
        await server.EndAsync(Jordan.SessionId, Start.AddMinutes(2), default);
        await server.EndAsync(Jordan.SessionId, Start.AddMinutes(3), default);
        var ended = Assert.Single(await cli.ListAsync(default));

        // Assert
        Assert.Equal(("backend-api", "claude-code", "1.0", 1234, "host-a", "http"), (touched.Project, touched.ClientName, touched.ClientVersion, touched.Pid, touched.Host, touched.Transport));
        Assert.Equal((Start, (DateTimeOffset?)Start.AddMinutes(1), (DateTimeOffset?)null), (touched.Started, touched.LastCall, touched.Ended));
        Assert.Equal(Start.AddMinutes(2), ended.Ended);
    }

    [Fact]
    public async Task List_SeveralSessions_NewestFirst()
    {
        var registry = CreateRegistry();
        await registry.RegisterAsync(new SessionRecord("sess_old", "a", "p", null, null, "stdio", 1, "h", Start), default);
        await registry.RegisterAsync(new SessionRecord("sess_new", "b", "p", null, null, "stdio", 2, "h", Start.AddMinutes(5)), default);

        var sessions = await registry.ListAsync(default);

        Assert.Equal(["sess_new", "sess_old"], sessions.Select(s => s.SessionId));
    }

    [Theory]
    [InlineData(KillTargetKind.Session, "sess_jordan0000000000000")]
    [InlineData(KillTargetKind.Developer, "jordan")]
    [InlineData(KillTargetKind.Project, "backend-api")]
    [InlineData(KillTargetKind.All, "*")]
    public async Task IsKilled_RuleFromAnotherInstance_AppliesUntilUnkilled(KillTargetKind kind, string value)
    {
        // Arrange
        var server = CreateRegistry();
        var cli = CreateRegistry();
        var target = new KillTarget(kind, value);
        Assert.Null(await server.IsKilledAsync(Jordan, default));

        // Act
        await cli.KillAsync(new KillRule(target, "leaked token", "oncall", Start), default);
        var killed = await server.IsKilledAsync(Jordan, default);
        var removed = await cli.UnkillAsync(target, default);
        var after = await server.IsKilledAsync(Jordan, default);

        // Assert
        Assert.Equal(new KillRule(target, "leaked token", "oncall", Start), killed);
        Assert.True(removed);
        Assert.Null(after);
    }

    [Fact]
    public async Task IsKilled_RuleForSomeoneElse_Null()
    {
        var registry = CreateRegistry();
        await registry.KillAsync(new KillRule(new KillTarget(KillTargetKind.Developer, "sam"), "r", "oncall", Start), default);
        await registry.KillAsync(new KillRule(new KillTarget(KillTargetKind.Project, "frontend"), "r", "oncall", Start), default);

        // A project named like the developer, and a target that would match everything if it reached SQL unquoted.
        await registry.KillAsync(new KillRule(new KillTarget(KillTargetKind.Project, "jordan"), "r", "oncall", Start), default);
        await registry.KillAsync(new KillRule(new KillTarget(KillTargetKind.Session, "sess_' OR 1=1 --"), "r", "oncall", Start), default);

        Assert.Null(await registry.IsKilledAsync(Jordan, default));
        Assert.Equal(4, (await registry.ListKillsAsync(default)).Count);
    }

    [Fact]
    public async Task Kill_SameTargetTwice_ReplacesTheRule()
    {
        var registry = CreateRegistry();
        var target = new KillTarget(KillTargetKind.Developer, "jordan");
        await registry.KillAsync(new KillRule(target, "first", "oncall", Start), default);

        await registry.KillAsync(new KillRule(target, "second", "lead", Start.AddMinutes(1)), default);

        Assert.Equal(new KillRule(target, "second", "lead", Start.AddMinutes(1)), Assert.Single(await registry.ListKillsAsync(default)));
    }

    [Fact]
    public async Task Unkill_NoSuchRule_False()
    {
        Assert.False(await CreateRegistry().UnkillAsync(KillTarget.All, default));
    }
}
