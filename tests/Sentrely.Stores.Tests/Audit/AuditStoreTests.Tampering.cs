using Sentrely.Audit;

namespace Sentrely.Stores.Tests.Audit;

/// <content>Tamper evidence and concurrent appends.</content>
public abstract partial class AuditStoreTests
{
    [Fact]
    public async Task Verify_IntactLog_OkWithHead()
    {
        var store = CreateStore();
        await AppendManyAsync(store, 5);
        var head = await store.GetHeadAsync(CancellationToken.None);

        var result = await VerifyAsync(store, head);

        Assert.True(result.Ok, result.Problem);
        Assert.Equal(5, result.Checked);
        Assert.Equal(head, result.Head);
    }

    [Theory]
    [InlineData("decision = 'deny'")]
    [InlineData("arguments = '{\"bucket\":\"other\"}'")]
    [InlineData("resources = '[\"arn:aws:s3:::other/x\"]'")]
    [InlineData("time = '2025-06-01T12:00:09.000Z'")]
    [InlineData("durationMs = 5")]
    [InlineData("roleSessionName = NULL")]
    [InlineData("hash = '0000000000000000000000000000000000000000000000000000000000000001'")]
    public async Task Verify_FieldUpdatedDirectly_NamesAlteredSeq(string assignment)
    {
        var store = CreateStore();
        await AppendManyAsync(store, 5);

        await TamperAsync($"UPDATE audit_records SET {assignment} WHERE seq = 3;");
        var result = await VerifyAsync(store);

        Assert.False(result.Ok);
        Assert.Equal(3, result.FirstBadSeq);
        Assert.Equal("record 3 was altered: its hash does not match its content", result.Problem);
    }

    [Fact]
    public async Task Verify_ColumnMadeUnreadable_ReportsThatSeq()
    {
        var store = CreateStore();
        await AppendManyAsync(store, 4);

        await TamperAsync("UPDATE audit_records SET resources = 'not json' WHERE seq = 2;");
        var result = await VerifyAsync(store);

        Assert.False(result.Ok);
        Assert.Equal(2, result.FirstBadSeq);
        Assert.StartsWith("record 2 could not be read", result.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_RowDeleted_ReportsMissingSeq()
    {
        var store = CreateStore();
        await AppendManyAsync(store, 5);

        await TamperAsync("DELETE FROM audit_records WHERE seq = 4;");
        var result = await VerifyAsync(store);

        Assert.False(result.Ok);
        Assert.Equal(4, result.FirstBadSeq);
        Assert.Equal("record 4 is missing: the log jumps from record 3 to record 5", result.Problem);
    }

    [Fact]
    public async Task Verify_RowsReordered_NamesFirstMovedSeq()
    {
        var store = CreateStore();
        await AppendManyAsync(store, 5);

        // Swap records 2 and 3 in place: every column moves, only the positions change.
        await TamperAsync("UPDATE audit_records SET seq = -2 WHERE seq = 2; UPDATE audit_records SET seq = 2 WHERE seq = 3; UPDATE audit_records SET seq = 3 WHERE seq = -2;");
        var result = await VerifyAsync(store);

        Assert.False(result.Ok);
        Assert.Equal(2, result.FirstBadSeq);
    }

    [Fact]
    public async Task Verify_LastRowsDeleted_DetectedWithExpectedHead()
    {
        var store = CreateStore();
        await AppendManyAsync(store, 5);
        var head = await store.GetHeadAsync(CancellationToken.None);

        await TamperAsync("DELETE FROM audit_records WHERE seq >= 4;");
        var withoutHead = await VerifyAsync(store);
        var withHead = await VerifyAsync(store, head);

        Assert.True(withoutHead.Ok);
        Assert.False(withHead.Ok);
        Assert.Equal(4, withHead.FirstBadSeq);
    }

    [Fact]
    public async Task Verify_ChainRebuiltFromScratch_DetectedWithExpectedHead()
    {
        // Arrange: the attacker empties the table and appends a consistent replacement history.
        var store = CreateStore();
        await AppendManyAsync(store, 3);
        var keptHead = await store.GetHeadAsync(CancellationToken.None);
        await TamperAsync("DELETE FROM audit_records;");
        await AppendManyAsync(store, 3);

        // Act
        var withoutHead = await VerifyAsync(store);
        var withHead = await VerifyAsync(store, keptHead);

        // Assert
        Assert.True(withoutHead.Ok);
        Assert.False(withHead.Ok);
        Assert.Equal(3, withHead.FirstBadSeq);
        Assert.Contains("expected head", withHead.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AppendAsync_TwoStoresOnOneDatabaseInParallel_OneUnbrokenChain()
    {
        // Arrange: two instances stand for two processes (a CLI and a server) sharing the database.
        var first = CreateStore();
        var second = CreateStore();
        const int perTask = 25;
        IAuditStore[] writerStores = [first, second, first, second, first, second];

        // Act: six writers, three per store, all at once.
        var writers = writerStores.Select(store => Task.Run(async () =>
        {
            for (var i = 0; i < perTask; i++)
            {
                await store.AppendAsync(NewRecord(), CancellationToken.None);
            }
        }));
        await Task.WhenAll(writers);

        // Assert
        var records = await ReadAllAsync(first);
        var result = await VerifyAsync(second);
        Assert.True(result.Ok, result.Problem);
        Assert.Equal(Enumerable.Range(1, writerStores.Length * perTask).Select(i => (long)i), records.Select(r => r.Seq));
        Assert.Equal(writerStores.Length * perTask, result.Checked);
    }
}
