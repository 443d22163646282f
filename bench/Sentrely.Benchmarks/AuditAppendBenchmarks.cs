using BenchmarkDotNet.Attributes;
using Sentrely.Audit;
using Sentrely.Stores.Sqlite;

namespace Sentrely.Benchmarks;

/// <summary>One durable append to the production SQLite audit store (WAL, one committed transaction, hash chain).</summary>
[MemoryDiagnoser]
[MedianColumn]
public class AuditAppendBenchmarks
{
    private string _folder = "";
    private SqliteAuditStore _store = null!;
    private long _call;

    [GlobalSetup]
    public void Open()
    {
        _folder = Directory.CreateTempSubdirectory("sentrely-audit-bench-").FullName;
        _store = new SqliteAuditStore(Path.Combine(_folder, "audit.db"), TimeProvider.System);
    }

    [GlobalCleanup]
    public async Task Close()
    {
        await _store.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    [Benchmark]
    public ValueTask<AuditRecord> AppendDurable() => _store.AppendAsync(
        new AuditRecord
        {
            Id = Guid.NewGuid().ToString("N"),
            CallId = $"call-{++_call}",
            Time = default,
            Phase = "intent",
            SessionId = "bench-session",
            Developer = "jordan",
            Project = "backend-api",
            Actor = "agent",
            Client = "claude-code/2.1.197",
            Transport = "stdio",
            Tool = "describe-instances",
            Arguments = """{"maxResults":50}""",
            Resources = ["*"],
            Decision = "allow",
            RuleIds = ["read-instances"],
            RoleArn = "arn:aws:iam::111122223333:role/sentrely-agent-read",
        },
        CancellationToken.None);
}
