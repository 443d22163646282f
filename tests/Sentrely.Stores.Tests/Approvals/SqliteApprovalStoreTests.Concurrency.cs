using Microsoft.Data.Sqlite;
using Sentrely.Approval;
using Sentrely.Sessions;

namespace Sentrely.Stores.Tests.Approvals;

/// <content>Races between stores on one file, as between the server, the CLI and other server processes.</content>
public sealed partial class SqliteApprovalStoreTests
{
    private const int Racers = 8;
    private const int Rounds = 10;

    [Fact]
    public async Task Consume_EightStoresInParallel_ExactlyOneWins()
    {
        // Arrange
        var request = Candidate(FingerprintA, Start);
        await CreateStore().OpenAsync(request, Start, default);
        await CreateStore().DecideAsync(request.Id, true, "alex", null, Start.AddMinutes(1), Validity, default);
        var racers = await ReadyStoresAsync();

        // Act
        var results = await RaceAsync(racers, store => store.ConsumeAsync(FingerprintA, Identifiers.NewCallId(), Start.AddMinutes(2), default).AsTask());

        // Assert
        var winner = Assert.Single(results, r => r is not null);
        var stored = await CreateStore().GetAsync(request.Id, default);
        Assert.Equal((ApprovalStatus.Used, winner!.UsedByCallId), (stored!.Status, stored.UsedByCallId));
    }

    [Fact]
    public async Task Open_EightStoresInParallel_OneRecordCreated()
    {
        // Arrange
        var racers = await ReadyStoresAsync();

        // Act: several rounds, one fingerprint each, to give a lost race a chance to show.
        var rounds = new List<(ApprovalRecord Record, bool Created)[]>();
        for (var round = 0; round < Rounds; round++)
        {
            var fingerprint = $"{round:D64}";
            rounds.Add(await RaceAsync(racers, store => store.OpenAsync(Candidate(fingerprint, Start), Start, default).AsTask()));
        }

        // Assert
        foreach (var results in rounds)
        {
            var created = Assert.Single(results, r => r.Created);
            Assert.All(results, r => Assert.Equal(created.Record.Id, r.Record.Id));
        }

        Assert.Equal((long)Rounds, await ScalarAsync("SELECT COUNT(*) FROM approvals;"));
    }

    [Fact]
    public async Task Open_AnotherWriterInsertsTheSameCallMeanwhile_WaitsAndReturnsItsRequest()
    {
        // Arrange: another process holds the write lock and has inserted, not yet committed, a request for the call.
        var store = CreateStore();
        await store.ListAsync(all: true, Start, default);
        var theirs = Candidate(FingerprintA, Start);
        await using var other = await LockAndRunAsync(theirs, "INSERT");

        // Act: a store that checked before taking the lock would see nothing, then insert a second request.
        var open = Task.Run(async () => await store.OpenAsync(Candidate(FingerprintA, Start), Start, default));
        await GiveTheRacerTimeAsync(open);
        await other.CommitAsync();
        var (record, created) = await open;

        // Assert
        Assert.False(created);
        Assert.Equal(theirs.Id, record.Id);
    }

    [Fact]
    public async Task Consume_AnotherWriterUsesItMeanwhile_WaitsAndReturnsNull()
    {
        // Arrange: another process holds the write lock and has used, not yet committed, the approval.
        var store = CreateStore();
        var request = Candidate(FingerprintA, Start);
        await store.OpenAsync(request, Start, default);
        await store.DecideAsync(request.Id, true, "alex", null, Start.AddMinutes(1), Validity, default);
        await using var other = await LockAndRunAsync(request, "USE");

        // Act: a store that read the approved row before taking the lock would use it a second time.
        var consume = Task.Run(async () => await store.ConsumeAsync(FingerprintA, "call_2", Start.AddMinutes(2), default));
        await GiveTheRacerTimeAsync(consume);
        await other.CommitAsync();
        var used = await consume;

        // Assert
        Assert.Null(used);
        Assert.Equal("call_other", (await store.GetAsync(request.Id, default))!.UsedByCallId);
    }

    // Opens (and so migrates) every racer's file before the race, so the race is about the approval alone.
    private async Task<IApprovalStore[]> ReadyStoresAsync()
    {
        var stores = Enumerable.Range(0, Racers).Select(_ => CreateStore()).ToArray();
        foreach (var store in stores)
        {
            await store.ListAsync(all: true, Start, default);
        }

        return stores;
    }

    // Not a clock: it only gives a store that wrongly reads before locking the time to read. The right store waits on
    // the lock (busy timeout 10 s) however long this is, so the test cannot fail spuriously, only miss on a slow machine.
    private static async Task GiveTheRacerTimeAsync(Task racer)
    {
        await Task.WhenAny(racer, Task.Delay(TimeSpan.FromMilliseconds(300)));
        Assert.False(racer.IsCompleted, "the store did not wait for the other writer's lock");
    }

    // Opens a raw connection, takes the write lock (BEGIN IMMEDIATE) and inserts or uses request without committing.
    private async Task<SqliteTransactionScope> LockAndRunAsync(ApprovalRecord request, string action)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = DatabasePath, Pooling = false }.ToString());
        await connection.OpenAsync();
        var transaction = connection.BeginTransaction(System.Data.IsolationLevel.Serializable, deferred: false);
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = action == "INSERT"
            ? $"INSERT INTO approvals (id, fingerprint, sessionId, developer, project, tool, arguments, resources, ruleIds, via, summary, created, expires, status) "
              + $"VALUES ('{request.Id}', '{request.Fingerprint}', 's', 'd', 'p', 't', '{{}}', '[]', '[]', 'session', 'x', '2025-06-01T12:00:00.000Z', '2025-06-01T12:15:00.000Z', 'pending');"
            : $"UPDATE approvals SET status = 'used', usedByCallId = 'call_other' WHERE id = '{request.Id}';";
        Assert.Equal(1, await command.ExecuteNonQueryAsync());
        return new SqliteTransactionScope(connection, transaction);
    }

    // Starts every racer on its own thread and releases them together.
    private static async Task<T[]> RaceAsync<T>(IApprovalStore[] racers, Func<IApprovalStore, Task<T>> act)
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var tasks = racers.Select(store => Task.Run(async () =>
        {
            await gate.Task;
            return await act(store);
        })).ToArray();
        gate.SetResult();
        return await Task.WhenAll(tasks);
    }
}
