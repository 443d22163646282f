using System.Reflection;
using System.Text;
using Sentrely.Audit;

namespace Sentrely.Core.Tests.Audit;

public sealed class AuditHashChainTests
{
    // Computed independently (Python: hashlib over the canonical text below), so the format is pinned.
    private const string ExpectedCanonical =
        """{"id":"aud_0001","seq":7,"callId":"call_abc","time":"2025-03-04T05:06:07.089Z","phase":"outcome","sessionId":"sess_x","developer":"jordan","project":"backend-api","actor":"agent","client":"claude-code/2.1.0","transport":"stdio","tool":"put-build-artifact","arguments":"{\u0022bucket\u0022:\u0022b\u0022,\u0022key\u0022:\u0022k/\u00E9\u003C\u002B\u003E\u0022}","resources":["arn:aws:s3:::b/k"],"decision":"allow","ruleIds":["builds-rw"],"reason":"allowed by builds-rw","roleArn":"arn:aws:iam::111122223333:role/sentrely-agent-deploy","roleSessionName":"sess_x-call_abc","sourceIdentity":"jordan","awsRequestIds":["req-1","req-2"],"outcome":"ok","errorCode":null,"durationMs":42,"prevHash":"0000000000000000000000000000000000000000000000000000000000000000"}""";

    private const string ExpectedHash = "cd57786fff2f9fba145eccb6bad80f6687f762e9671b20cd7062c4bbdc9a22ac";

    public static TheoryData<string, Func<AuditRecord, AuditRecord>> FieldChanges() => new()
    {
        { "Id", r => r with { Id = "aud_0002" } },
        { "Seq", r => r with { Seq = 8 } },
        { "CallId", r => r with { CallId = "call_abd" } },
        { "Time", r => r with { Time = r.Time.AddMilliseconds(1) } },
        { "Phase", r => r with { Phase = "intent" } },
        { "SessionId", r => r with { SessionId = "sess_y" } },
        { "Developer", r => r with { Developer = "alex" } },
        { "Project", r => r with { Project = "frontend" } },
        { "Actor", r => r with { Actor = "human" } },
        { "Client", r => r with { Client = null } },
        { "Transport", r => r with { Transport = "http" } },
        { "Tool", r => r with { Tool = "get-build-artifact" } },
        { "Arguments", r => r with { Arguments = """{"bucket":"b","key":"k2"}""" } },
        { "Resources", r => r with { Resources = ["arn:aws:s3:::b/k", "arn:aws:s3:::b/k2"] } },
        { "Decision", r => r with { Decision = "deny" } },
        { "RuleIds", r => r with { RuleIds = [] } },
        { "Reason", r => r with { Reason = "allowed by builds-rw." } },
        { "RoleArn", r => r with { RoleArn = "arn:aws:iam::111122223333:role/sentrely-agent-read" } },
        { "RoleSessionName", r => r with { RoleSessionName = "sess_x-call_abd" } },
        { "SourceIdentity", r => r with { SourceIdentity = "alex" } },
        { "AwsRequestIds", r => r with { AwsRequestIds = ["req-2", "req-1"] } },
        { "Outcome", r => r with { Outcome = "error" } },
        { "ErrorCode", r => r with { ErrorCode = "NoSuchKey" } },
        { "DurationMs", r => r with { DurationMs = null } },
        { "PrevHash", r => r with { PrevHash = new string('1', 64) } },
    };

    [Fact]
    public void GetCanonicalJson_FullRecord_MatchesPinnedFormat()
    {
        var json = Encoding.UTF8.GetString(AuditHashChain.GetCanonicalJson(AuditTestRecords.Full()).WrittenSpan);

        Assert.Equal(ExpectedCanonical, json);
    }

    [Fact]
    public void ComputeHash_FullRecord_MatchesIndependentlyComputedHash()
    {
        Assert.Equal(ExpectedHash, AuditHashChain.ComputeHash(AuditTestRecords.Full()));
    }

    [Fact]
    public void ComputeHash_SameContentDifferentInstancesAndHash_SameHash()
    {
        // Arrange: equal content built separately, with a different (ignored) hash field and a sub-ms time.
        var a = AuditTestRecords.Full();
        var b = AuditTestRecords.Full() with { Hash = "whatever", Time = a.Time.AddTicks(5).ToOffset(TimeSpan.FromHours(2)) };

        // Act / Assert
        Assert.Equal(AuditHashChain.ComputeHash(a), AuditHashChain.ComputeHash(b));
        Assert.Matches("^[0-9a-f]{64}$", AuditHashChain.ComputeHash(a));
    }

    [Theory]
    [MemberData(nameof(FieldChanges))]
    public void ComputeHash_AnyFieldChanged_HashChanges(string field, Func<AuditRecord, AuditRecord> change)
    {
        var original = AuditTestRecords.Full();

        var changed = change(original);

        Assert.True(
            AuditHashChain.ComputeHash(original) != AuditHashChain.ComputeHash(changed),
            $"changing {field} did not change the hash");
    }

    [Fact]
    public void FieldChanges_CoverEveryRecordPropertyButHashAndHmac()
    {
        // Hmac is a signature of Hash, so it is outside the canonical form by design (AuditSignerTests pins that).
        var properties = typeof(AuditRecord).GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Select(p => p.Name).Where(n => n is not nameof(AuditRecord.Hash) and not nameof(AuditRecord.Hmac)).Order();

        var covered = FieldChanges().Select(row => (string)row[0]).Order();

        Assert.Equal(properties, covered);
    }

    [Fact]
    public void ComputeHash_ArgumentsNullVersusNullText_Differ()
    {
        var r = AuditTestRecords.Full();

        Assert.NotEqual(AuditHashChain.ComputeHash(r with { Arguments = null }), AuditHashChain.ComputeHash(r with { Arguments = "null" }));
    }

    [Fact]
    public void ComputeHash_ListBoundariesMoved_Differ()
    {
        var r = AuditTestRecords.Full();

        var a = r with { Resources = ["a", "b"], RuleIds = [] };
        var b = r with { Resources = ["a"], RuleIds = ["b"] };

        Assert.NotEqual(AuditHashChain.ComputeHash(a), AuditHashChain.ComputeHash(b));
    }

    [Fact]
    public void GenesisHash_Is64Zeros()
    {
        Assert.Equal(new string('0', 64), AuditHashChain.GenesisHash);
    }

    [Fact]
    public void Normalize_LoneSurrogateSubMillisecondTimeAndNullLists_BecomeStorableForm()
    {
        var r = AuditTestRecords.Full() with
        {
            Tool = "bad\uD800tool",
            Time = new DateTimeOffset(2025, 3, 4, 7, 6, 7, 89, TimeSpan.FromHours(2)).AddTicks(1234),
            Resources = null!,
            RuleIds = ["x", null!],
        };

        var n = AuditHashChain.Normalize(r);

        Assert.Equal("bad\uFFFDtool", n.Tool);
        Assert.Equal(new DateTimeOffset(2025, 3, 4, 5, 6, 7, 89, TimeSpan.Zero), n.Time);
        Assert.Equal(TimeSpan.Zero, n.Time.Offset);
        Assert.Empty(n.Resources);
        Assert.Equal(["x", ""], n.RuleIds);
        Assert.Equal(AuditHashChain.ComputeHash(n), AuditHashChain.ComputeHash(AuditHashChain.Normalize(n)));
    }
}
