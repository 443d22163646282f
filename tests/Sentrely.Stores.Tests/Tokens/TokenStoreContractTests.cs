using Sentrely.Auth;

namespace Sentrely.Stores.Tests.Tokens;

/// <summary>The contract every <see cref="ITokenStore"/> meets; one subclass per backend.</summary>
public abstract class TokenStoreContractTests : IAsyncLifetime
{
    protected static readonly DateTimeOffset Start = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);

    /// <summary>Creates a store instance over this test's data.</summary>
    protected abstract ITokenStore CreateStore();

    public virtual Task InitializeAsync() => Task.CompletedTask;

    public virtual Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Create_ThenGetFromAnotherInstance_EveryFieldBack()
    {
        // Arrange
        var token = Token("tok_a", Start) with { Tools = ["aws.s3.*", "describe-instances"], Expires = Start.AddDays(30) };

        // Act
        await CreateStore().CreateAsync(token, default);
        var read = await CreateStore().GetAsync("tok_a", default);

        // Assert
        Assert.NotNull(read);
        Assert.Equal(token with { Roles = [], Tools = [] }, read with { Roles = [], Tools = [] });
        Assert.Equal(token.Roles, read.Roles);
        Assert.Equal(token.Tools, read.Tools);
    }

    [Fact]
    public async Task Create_NoToolsNoExpiry_NullsKept()
    {
        var store = CreateStore();
        await store.CreateAsync(Token("tok_a", Start), default);

        var read = await store.GetAsync("tok_a", default);

        Assert.Equal((null, null, null), (read!.Tools, read.Expires, read.Revoked));
    }

    [Fact]
    public async Task Create_DuplicateId_Throws()
    {
        var store = CreateStore();
        await store.CreateAsync(Token("tok_a", Start), default);

        await Assert.ThrowsAnyAsync<Exception>(async () => await store.CreateAsync(Token("tok_a", Start), default));
    }

    [Fact]
    public async Task Get_Unknown_Null()
    {
        Assert.Null(await CreateStore().GetAsync("tok_missing", default));
    }

    [Fact]
    public async Task List_SeveralTokens_NewestFirst()
    {
        var store = CreateStore();
        await store.CreateAsync(Token("tok_old", Start), default);
        await store.CreateAsync(Token("tok_new", Start.AddHours(1)), default);

        var tokens = await store.ListAsync(default);

        Assert.Equal(["tok_new", "tok_old"], tokens.Select(t => t.Id));
    }

    [Fact]
    public async Task Revoke_Once_TrueThenFalseAndInactive()
    {
        // Arrange
        var store = CreateStore();
        await store.CreateAsync(Token("tok_a", Start), default);

        // Act
        var first = await store.RevokeAsync("tok_a", Start.AddMinutes(1), default);
        var second = await CreateStore().RevokeAsync("tok_a", Start.AddMinutes(2), default);
        var missing = await store.RevokeAsync("tok_missing", Start, default);
        var read = await store.GetAsync("tok_a", default);

        // Assert
        Assert.Equal((true, false, false), (first, second, missing));
        Assert.Equal(Start.AddMinutes(1), read!.Revoked);
        Assert.False(read.IsActive(Start.AddMinutes(1)));
    }

    private static ApiToken Token(string id, DateTimeOffset created) => new()
    {
        Id = id,
        Name = "laptop",
        Developer = "jordan",
        Project = "backend-api",
        Roles = [CallerRoles.Agent, CallerRoles.Reviewer],
        SecretHash = new string('a', 64),
        CreatedBy = "admin",
        Created = created,
    };
}
