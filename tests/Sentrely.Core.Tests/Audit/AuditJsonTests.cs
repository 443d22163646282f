using System.Text.Json;
using Sentrely.Audit;

namespace Sentrely.Core.Tests.Audit;

public sealed class AuditJsonTests
{
    [Fact]
    public void ToJsonLine_FullRecord_DesignFieldNamesInOrderAndArgumentsEmbedded()
    {
        var record = AuditTestRecords.Full() with { Hash = "h" };

        var line = AuditJson.ToJsonLine(record);

        using var doc = JsonDocument.Parse(line);
        string[] expected =
        [
            "id", "seq", "callId", "time", "phase", "sessionId", "developer", "project", "actor", "client", "transport",
            "tool", "arguments", "resources", "decision", "ruleIds", "reason", "roleArn", "roleSessionName",
            "sourceIdentity", "awsRequestIds", "outcome", "errorCode", "durationMs", "prevHash", "hash",
        ];
        Assert.Equal(expected, doc.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal(JsonValueKind.Object, doc.RootElement.GetProperty("arguments").ValueKind);
        Assert.Equal("2025-03-04T05:06:07.089Z", doc.RootElement.GetProperty("time").GetString());
        Assert.Equal(JsonValueKind.Null, doc.RootElement.GetProperty("errorCode").ValueKind);
        Assert.DoesNotContain('\n', line);
    }

    [Theory]
    [InlineData("""{"bucket":"b","key":"k/é<+>"}""")]
    [InlineData("""{ "spaced" : [1, 2] }""")]
    [InlineData("""[1,"x"]""")]
    [InlineData("\"just a string\"")]
    [InlineData("null")]
    [InlineData("{\n  \"pretty\": true\n}")]
    [InlineData(" {} ")]
    [InlineData("not json")]
    [InlineData("")]
    [InlineData(null)]
    public void FromJsonLine_RoundTrip_IdenticalRecordAndHash(string? arguments)
    {
        // Arrange
        var record = AuditTestRecords.Full() with { Arguments = arguments };
        record = record with { Hash = AuditHashChain.ComputeHash(record) };

        // Act
        var line = AuditJson.ToJsonLine(record);
        var back = AuditJson.FromJsonLine(line);

        // Assert
        Assert.NotNull(back);
        Assert.Equal(arguments, back.Arguments);
        Assert.Equal(record.Hash, AuditHashChain.ComputeHash(back));
        Assert.Equal(record.Hash, back.Hash);
        Assert.Equal(record.Resources, back.Resources);
        Assert.Equal(record.AwsRequestIds, back.AwsRequestIds);
        Assert.Equal(record.Time, back.Time);
        Assert.DoesNotContain('\n', line);
    }

    [Fact]
    public void FromJsonLine_BlankLine_Null()
    {
        Assert.Null(AuditJson.FromJsonLine("   "));
    }

    [Theory]
    [InlineData("null")]
    [InlineData("{\"id\":\"x\"}")]
    [InlineData("{not json")]
    public void FromJsonLine_Malformed_ThrowsJsonException(string line)
    {
        Assert.ThrowsAny<JsonException>(() => AuditJson.FromJsonLine(line));
    }

    [Fact]
    public void FromJsonLine_BadTime_ThrowsJsonException()
    {
        var line = AuditJson.ToJsonLine(AuditTestRecords.Full()).Replace("2025-03-04T05:06:07.089Z", "yesterday", StringComparison.Ordinal);

        Assert.ThrowsAny<JsonException>(() => AuditJson.FromJsonLine(line));
    }
}
