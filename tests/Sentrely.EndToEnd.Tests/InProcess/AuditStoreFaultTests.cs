using Microsoft.Data.Sqlite;
using Sentrely.Audit;
using Sentrely.Pipeline;

namespace Sentrely.EndToEnd.Tests.InProcess;

/// <summary>
/// Fault injection on the real SQLite store under the production composition: when the audit log cannot be
/// written, tool calls are refused before any AWS request (DESIGN.md invariant 3), and serve again once it can.
/// </summary>
public sealed class AuditStoreFaultTests : IAsyncLifetime
{
    private const string Upload = """{"bucket":"my-app-deployments","key":"builds/2.0/app.txt","text":"hello"}""";
    private readonly SandboxWorld _world = new();
    private InProcessSentrely _sentrely = null!;

    public async Task InitializeAsync()
    {
        await _world.InitializeAsync();
        _sentrely = await InProcessSentrely.StartAsync(_world);
    }

    public async Task DisposeAsync()
    {
        await _sentrely.DisposeAsync();
        SqliteConnection.ClearAllPools();
        await _world.DisposeAsync();
    }

    [Fact]
    public async Task ToolCall_StoreFolderAndFileReadOnly_RefusedWithoutAwsRequest_ServesAgainWhenWritable()
    {
        // Arrange: the server is up and has audited its configuration load; then its store becomes read-only.
        var folder = Path.GetDirectoryName(_sentrely.Runtime.StorePath)!;
        if (OperatingSystem.IsWindows())
        {
            return; // Unix file modes and chattr; Windows ACLs are not exercised here.
        }

        // Pooled connections opened while the file was writable would otherwise keep writing through their handles.
        SqliteConnection.ClearAllPools();
        ToolCallOutcome refused;
        using (ReadOnlyFolder.Make(folder))
        {
            // Act
            refused = await _sentrely.CallAsync("put-build-artifact", Upload);
        }

        var reachedAws = _world.Double.Requests.Count + _world.Double.AssumeRoles.Count;
        var after = await _sentrely.CallAsync("put-build-artifact", Upload);

        // Assert
        AssertRefused(refused, reachedAws);
        Assert.False(after.IsError, after.Message);
        Assert.Contains(_world.Double.Requests, r => r.Action == "s3:PutObject");
    }

    [Fact]
    public async Task ToolCall_DatabaseFull_RefusedWithoutAwsRequest_ServesAgainWithSpace()
    {
        // Arrange: cap the database at its current size (SQLite max_page_count) and fill what space is left.
        var store = _sentrely.Runtime.AuditStore!;
        store.MaxPageCount = await PageCountAsync(_sentrely.Runtime.StorePath);
        // Large fillers first, then ever smaller ones, until not even an empty record fits.
        var filled = false;
        foreach (var size in (int[])[2000, 300, 30, 0])
        {
            filled = false;
            for (var i = 0; i < 1000 && !filled; i++)
            {
                try
                {
                    await store.AppendAsync(Filler(size), CancellationToken.None);
                }
                catch (SqliteException ex) when (ex.SqliteErrorCode == 13)
                {
                    filled = true; // SQLITE_FULL
                }
            }
        }

        Assert.True(filled, "the capped database never filled up");

        // Act
        var refused = await _sentrely.CallAsync("put-build-artifact", Upload);
        var reachedAws = _world.Double.Requests.Count + _world.Double.AssumeRoles.Count;
        store.MaxPageCount = null;
        var after = await _sentrely.CallAsync("put-build-artifact", Upload);

        // Assert
        AssertRefused(refused, reachedAws);
        Assert.False(after.IsError, after.Message);
        var verification = await AuditVerifier.VerifyAsync(store.ReadAsync(new AuditQuery(), CancellationToken.None), null, CancellationToken.None);
        Assert.True(verification.Ok, verification.Problem);
    }

    private static void AssertRefused(ToolCallOutcome outcome, int awsRequestsAndAssumeRolesWhenRefused)
    {
        Assert.True(outcome.IsError, "the call was not refused");
        // Whichever part of the store fails first refuses: the kill switch (which reads the session registry in
        // the same file before anything else) or the audit intent. Either way nothing reaches AWS.
        Assert.True(
            outcome.Message.Contains("the audit log cannot be written", StringComparison.Ordinal)
                || outcome.Message.Contains("cannot read its session registry", StringComparison.Ordinal),
            outcome.Message);
        Assert.Equal(0, awsRequestsAndAssumeRolesWhenRefused);
    }

    private static async Task<long> PageCountAsync(string path)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA page_count;";
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static AuditRecord Filler(int size) => new()
    {
        Id = Sentrely.Sessions.Identifiers.NewAuditRecordId(),
        CallId = Sentrely.Sessions.Identifiers.NewCallId(),
        Time = default,
        Phase = "intent",
        SessionId = "sess_filler",
        Developer = "test",
        Project = "test",
        Actor = "operator",
        Transport = "stdio",
        Tool = "filler",
        Arguments = "\"" + new string('x', size) + "\"",
        Decision = "deny",
    };
}
