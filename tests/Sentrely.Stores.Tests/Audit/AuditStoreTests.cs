using Microsoft.Extensions.Time.Testing;
using Sentrely.Audit;

namespace Sentrely.Stores.Tests.Audit;

/// <summary>The contract every <see cref="IAuditStore"/> meets; one subclass per database.</summary>
public abstract partial class AuditStoreTests : IAsyncLifetime
{
    private readonly List<IAuditStore> _stores = [];

    protected static DateTimeOffset Start { get; } = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);

    protected FakeTimeProvider Time { get; } = new(Start);

    /// <summary>Creates a store over this test's database; every call gives another instance on the same database.</summary>
    protected abstract IAuditStore CreateStoreInstance();

    /// <summary>Creates a store whose database cannot be created or written.</summary>
    protected abstract IAuditStore CreateUnwritableStoreInstance();

    /// <summary>Runs SQL against the database directly, past any append-only protection, as an attacker with file access would.</summary>
    protected abstract Task TamperAsync(string sql);

    public virtual Task InitializeAsync() => Task.CompletedTask;

    public virtual async Task DisposeAsync()
    {
        foreach (var store in _stores)
        {
            if (store is IAsyncDisposable disposable)
            {
                await disposable.DisposeAsync();
            }
        }
    }

    protected IAuditStore CreateStore() => Track(CreateStoreInstance());

    protected IAuditStore Track(IAuditStore store)
    {
        _stores.Add(store);
        return store;
    }

    protected static AuditRecord NewRecord(
        string sessionId = "sess_a",
        string tool = "put-build-artifact",
        string decision = "allow",
        DateTimeOffset? time = null,
        string phase = "intent") => new()
    {
        Id = Sentrely.Sessions.Identifiers.NewAuditRecordId(),
        CallId = Sentrely.Sessions.Identifiers.NewCallId(),
        Time = time ?? Start,
        Phase = phase,
        SessionId = sessionId,
        Developer = "jordan",
        Project = "backend-api",
        Actor = "agent",
        Client = "claude-code/2.1.0",
        Transport = "stdio",
        Tool = tool,
        Arguments = """{"bucket":"my-app-deployments","key":"builds/é.zip","zipBase64":{"size":3,"sha256":"ab"}}""",
        Resources = ["arn:aws:s3:::my-app-deployments/builds/é.zip"],
        Decision = decision,
        RuleIds = ["builds-rw"],
        Reason = "allowed by builds-rw",
        RoleArn = "arn:aws:iam::111122223333:role/sentrely-agent-deploy",
        RoleSessionName = "sess_a-call_1",
        SourceIdentity = "jordan",
    };

    protected static async Task<List<AuditRecord>> ReadAllAsync(IAuditStore store, AuditQuery? query = null)
    {
        var records = new List<AuditRecord>();
        await foreach (var record in store.ReadAsync(query ?? new AuditQuery(), CancellationToken.None))
        {
            records.Add(record);
        }

        return records;
    }

    protected static async Task<List<AuditRecord>> AppendManyAsync(IAuditStore store, int count)
    {
        var appended = new List<AuditRecord>();
        for (var i = 0; i < count; i++)
        {
            appended.Add(await store.AppendAsync(NewRecord(time: Start.AddSeconds(i)), CancellationToken.None));
        }

        return appended;
    }

    protected static ValueTask<AuditVerification> VerifyAsync(IAuditStore store, AuditHead? expectedHead = null) =>
        AuditVerifier.VerifyAsync(store.ReadAsync(new AuditQuery(), CancellationToken.None), expectedHead, CancellationToken.None);

    [Fact]
    public async Task AppendAsync_FirstRecord_ChainsFromGenesis()
    {
        var store = CreateStore();

        var appended = await store.AppendAsync(NewRecord() with { Seq = 99, PrevHash = "x", Hash = "y" }, CancellationToken.None);

        Assert.Equal(1, appended.Seq);
        Assert.Equal(AuditHashChain.GenesisHash, appended.PrevHash);
        Assert.Equal(AuditHashChain.ComputeHash(appended), appended.Hash);
    }

    [Fact]
    public async Task AppendAsync_SecondRecord_LinksToFirst()
    {
        var store = CreateStore();

        var first = await store.AppendAsync(NewRecord(), CancellationToken.None);
        var second = await store.AppendAsync(NewRecord(), CancellationToken.None);

        Assert.Equal(2, second.Seq);
        Assert.Equal(first.Hash, second.PrevHash);
    }

    [Fact]
    public async Task ReadAsync_AfterAppend_EveryFieldReadBackIdentically()
    {
        // Arrange: every field set, including nulls, empty and multi-entry lists and text needing escapes.
        var store = CreateStore();
        var outcome = NewRecord(phase: "outcome") with
        {
            Time = Start.AddTicks(12_345).ToOffset(TimeSpan.FromHours(-5)),
            Client = null,
            Arguments = null,
            RuleIds = [],
            AwsRequestIds = ["req-1", "req\"2\n"],
            Outcome = "error",
            ErrorCode = "NoSuchKey",
            DurationMs = 1234,
            Reason = "line1\nline2 \u2028 😀",
        };

        // Act
        var appended = await store.AppendAsync(outcome, CancellationToken.None);
        var read = Assert.Single(await ReadAllAsync(store));

        // Assert
        Assert.Equal(AuditJson.ToJsonLine(appended), AuditJson.ToJsonLine(read));
        Assert.Equal(Start.AddTicks(10_000), read.Time);
        Assert.Equal(appended.Hash, AuditHashChain.ComputeHash(read));
        Assert.Equal(outcome.AwsRequestIds, read.AwsRequestIds);
        Assert.Equal(outcome.Reason, read.Reason);
        Assert.Null(read.Arguments);
        Assert.Null(read.Client);
    }

    [Fact]
    public async Task AppendAsync_TimeUnset_StampedFromTimeProvider()
    {
        var store = CreateStore();
        Time.Advance(TimeSpan.FromMinutes(3));

        var appended = await store.AppendAsync(NewRecord() with { Time = default }, CancellationToken.None);

        Assert.Equal(Start.AddMinutes(3), appended.Time);
    }

    [Fact]
    public async Task AppendAsync_IllFormedUnicode_StoredNormalisedAndStillVerifies()
    {
        var store = CreateStore();

        var appended = await store.AppendAsync(NewRecord(tool: "bad\uD800tool") with { Reason = "nul\0char" }, CancellationToken.None);
        var verification = await VerifyAsync(store);

        Assert.Equal("bad\uFFFDtool", appended.Tool);
        Assert.True(verification.Ok, verification.Problem);
        Assert.Equal("nul\0char", Assert.Single(await ReadAllAsync(store)).Reason);
    }

    [Fact]
    public async Task AppendAsync_DuplicateId_ThrowsAndChainUnchanged()
    {
        var store = CreateStore();
        var first = await store.AppendAsync(NewRecord(), CancellationToken.None);

        await Assert.ThrowsAnyAsync<Exception>(async () => await store.AppendAsync(NewRecord() with { Id = first.Id }, CancellationToken.None));

        Assert.Equal(new AuditHead(1, first.Hash), await store.GetHeadAsync(CancellationToken.None));
    }

    [Fact]
    public async Task AppendAsync_UnwritablePath_Throws()
    {
        var store = Track(CreateUnwritableStoreInstance());

        await Assert.ThrowsAnyAsync<Exception>(async () => await store.AppendAsync(NewRecord(), CancellationToken.None));
        await Assert.ThrowsAnyAsync<Exception>(async () => await store.AppendAsync(NewRecord(), CancellationToken.None));
    }

    [Fact]
    public async Task GetHeadAsync_EmptyThenAppended_NullThenLastRecord()
    {
        var store = CreateStore();

        var empty = await store.GetHeadAsync(CancellationToken.None);
        var appended = await AppendManyAsync(store, 3);
        var head = await store.GetHeadAsync(CancellationToken.None);

        Assert.Null(empty);
        Assert.Equal(new AuditHead(3, appended[2].Hash), head);
    }
}
