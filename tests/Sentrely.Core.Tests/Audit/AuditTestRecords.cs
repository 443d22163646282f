using System.Runtime.CompilerServices;
using Sentrely.Audit;

namespace Sentrely.Core.Tests.Audit;

internal static class AuditTestRecords
{
    public static AuditRecord Full() => new()
    {
        Id = "aud_0001",
        Seq = 7,
        CallId = "call_abc",
        Time = new DateTimeOffset(2025, 3, 4, 5, 6, 7, 89, TimeSpan.Zero),
        Phase = "outcome",
        SessionId = "sess_x",
        Developer = "jordan",
        Project = "backend-api",
        Actor = "agent",
        Client = "claude-code/2.1.0",
        Transport = "stdio",
        Tool = "put-build-artifact",
        Arguments = """{"bucket":"b","key":"k/é<+>"}""",
        Resources = ["arn:aws:s3:::b/k"],
        Decision = "allow",
        RuleIds = ["builds-rw"],
        Reason = "allowed by builds-rw",
        RoleArn = "arn:aws:iam::111122223333:role/sentrely-agent-deploy",
        RoleSessionName = "sess_x-call_abc",
        SourceIdentity = "jordan",
        AwsRequestIds = ["req-1", "req-2"],
        Outcome = "ok",
        ErrorCode = null,
        DurationMs = 42,
        PrevHash = AuditHashChain.GenesisHash,
    };

    /// <summary>Builds an intact chain of <paramref name="count"/> records, seq 1..count.</summary>
    public static List<AuditRecord> Chain(int count)
    {
        var records = new List<AuditRecord>();
        var prev = AuditHashChain.GenesisHash;
        for (var seq = 1; seq <= count; seq++)
        {
            var record = Full() with
            {
                Id = $"aud_{seq:D4}",
                Seq = seq,
                CallId = $"call_{(seq + 1) / 2}",
                Phase = seq % 2 == 1 ? "intent" : "outcome",
                Time = Full().Time.AddSeconds(seq),
                PrevHash = prev,
            };
            record = record with { Hash = AuditHashChain.ComputeHash(record) };
            records.Add(record);
            prev = record.Hash;
        }

        return records;
    }

    public static async IAsyncEnumerable<AuditRecord> Stream(
        IEnumerable<AuditRecord> records,
        Exception? throwAfter = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var record in records)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await Task.Yield();
            yield return record;
        }

        if (throwAfter is not null)
        {
            throw throwAfter;
        }
    }
}
