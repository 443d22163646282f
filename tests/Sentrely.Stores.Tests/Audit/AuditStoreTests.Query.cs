using Sentrely.Audit;

namespace Sentrely.Stores.Tests.Audit;

/// <content>ReadAsync filters.</content>
public abstract partial class AuditStoreTests
{
    private async Task<IAuditStore> SeedAsync()
    {
        var store = CreateStore();
        AuditRecord[] records =
        [
            NewRecord("sess_a", "put-build-artifact", "allow", Start.AddMinutes(0)),
            NewRecord("sess_a", "get-build-artifact", "deny", Start.AddMinutes(1)),
            NewRecord("sess_b", "put-build-artifact", "rate_limited", Start.AddMinutes(2)),
            NewRecord("sess_b", "run-instances", "allow", Start.AddMinutes(3)),
            NewRecord("sess_a", "put-build-artifact", "allow", Start.AddMinutes(4)),
        ];
        foreach (var record in records)
        {
            await store.AppendAsync(record, CancellationToken.None);
        }

        return store;
    }

    private static async Task<string> SeqsAsync(IAuditStore store, AuditQuery query) =>
        string.Join(',', (await ReadAllAsync(store, query)).Select(r => r.Seq));

    [Fact]
    public async Task ReadAsync_NoFilter_AllInSeqOrder()
    {
        var store = await SeedAsync();

        Assert.Equal("1,2,3,4,5", await SeqsAsync(store, new AuditQuery()));
    }

    [Fact]
    public async Task ReadAsync_BySessionToolAndDecision_OnlyMatching()
    {
        var store = await SeedAsync();

        Assert.Equal("1,2,5", await SeqsAsync(store, new AuditQuery { SessionId = "sess_a" }));
        Assert.Equal("1,3,5", await SeqsAsync(store, new AuditQuery { Tool = "put-build-artifact" }));
        Assert.Equal("3", await SeqsAsync(store, new AuditQuery { Decision = "rate_limited" }));
        Assert.Equal("1,5", await SeqsAsync(store, new AuditQuery { SessionId = "sess_a", Tool = "put-build-artifact", Decision = "allow" }));
        Assert.Equal("", await SeqsAsync(store, new AuditQuery { SessionId = "sess_a' OR '1'='1" }));
    }

    [Fact]
    public async Task ReadAsync_SinceInclusiveUntilExclusive_TimeWindow()
    {
        var store = await SeedAsync();

        var window = await SeqsAsync(store, new AuditQuery { Since = Start.AddMinutes(1), Until = Start.AddMinutes(3) });
        var subMillisecond = await SeqsAsync(store, new AuditQuery { Since = Start.AddMinutes(1).AddTicks(1) });
        var otherOffset = await SeqsAsync(store, new AuditQuery { Until = Start.AddMinutes(1).ToOffset(TimeSpan.FromHours(9)) });

        Assert.Equal("2,3", window);
        Assert.Equal("3,4,5", subMillisecond);
        Assert.Equal("1", otherOffset);
    }

    [Fact]
    public async Task ReadAsync_AfterSeqAndLimit_FromSeqOnwardCapped()
    {
        var store = await SeedAsync();

        Assert.Equal("3,4,5", await SeqsAsync(store, new AuditQuery { AfterSeq = 3 }));
        Assert.Equal("1,2", await SeqsAsync(store, new AuditQuery { Limit = 2 }));
        Assert.Equal("2,3", await SeqsAsync(store, new AuditQuery { AfterSeq = 2, Limit = 2 }));
        Assert.Equal("", await SeqsAsync(store, new AuditQuery { Limit = 0 }));
    }

    [Fact]
    public async Task ReadAsync_Tail_LastNOldestFirst()
    {
        var store = await SeedAsync();

        Assert.Equal("4,5", await SeqsAsync(store, new AuditQuery { Limit = 2, Tail = true }));
        Assert.Equal("2,5", await SeqsAsync(store, new AuditQuery { SessionId = "sess_a", Limit = 2, Tail = true }));
        Assert.Equal("1,2,3,4,5", await SeqsAsync(store, new AuditQuery { Tail = true }));
    }

    [Fact]
    public async Task ReadAsync_NegativeLimit_Throws()
    {
        var store = await SeedAsync();

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => ReadAllAsync(store, new AuditQuery { Limit = -1 }));
    }

    [Fact]
    public async Task ReadAsync_WhileAppending_StreamsWithoutBlockingWriter()
    {
        // Arrange: a reader holding the stream open mid-way.
        var store = await SeedAsync();
        await using var e = store.ReadAsync(new AuditQuery(), CancellationToken.None).GetAsyncEnumerator();
        Assert.True(await e.MoveNextAsync());

        // Act: an append completes while the read is open.
        var appended = await store.AppendAsync(NewRecord(), CancellationToken.None).AsTask().WaitAsync(TimeSpan.FromSeconds(20));

        // Assert
        Assert.Equal(6, appended.Seq);
        Assert.Equal(1, e.Current.Seq);
    }
}
