using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Sentrely.Audit;

namespace Sentrely.Core.Tests.Audit;

public sealed class AuditArgumentRedactorTests
{
    private static readonly string[] None = [];

    private static JsonElement Parse(string json) => JsonDocument.Parse(json).RootElement.Clone();

    private static string Sha(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    [Fact]
    public void Redact_PlainObject_KeptCompactAndInOrder()
    {
        var result = AuditArgumentRedactor.Redact(Parse("""{ "bucket": "b", "count": 2, "dry": true, "x": null, "tags": [{"k":"v"}] }"""), None, None);

        Assert.Equal("""{"bucket":"b","count":2,"dry":true,"x":null,"tags":[{"k":"v"}]}""", result);
    }

    [Fact]
    public void Redact_Base64Blob_SizeAndShaOfDecodedBytes()
    {
        var bytes = Encoding.UTF8.GetBytes("zip file content");
        var args = Parse($$$"""{"functionName":"f","zipBase64":"{{{Convert.ToBase64String(bytes)}}}"}""");

        var result = AuditArgumentRedactor.Redact(args, ["zipBase64"], None);

        Assert.Equal($$$"""{"functionName":"f","zipBase64":{"size":{{{bytes.Length}}},"sha256":"{{{Sha(bytes)}}}"}}""", result);
    }

    [Fact]
    public void Redact_TextBlob_SizeAndShaOfUtf8Bytes()
    {
        var args = Parse("""{"text":"héllo"}""");

        var result = AuditArgumentRedactor.Redact(args, ["text"], None);

        var bytes = Encoding.UTF8.GetBytes("héllo");
        Assert.Equal($$$"""{"text":{"size":6,"sha256":"{{{Sha(bytes)}}}"}}""", result);
    }

    [Fact]
    public void Redact_InvalidBase64Blob_DigestOfTextFlagged()
    {
        var result = AuditArgumentRedactor.Redact(Parse("""{"contentBase64":"not base64!"}"""), ["contentBase64"], None);

        Assert.Equal($$$"""{"contentBase64":{"size":11,"sha256":"{{{Sha(Encoding.UTF8.GetBytes("not base64!"))}}}","invalidBase64":true}}""", result);
    }

    [Fact]
    public void Redact_MaskedArgument_Stars_CaseInsensitive()
    {
        var result = AuditArgumentRedactor.Redact(Parse("""{"Password":"hunter2","token":{"a":1},"keep":"k"}"""), None, ["password", "token"]);

        Assert.Equal("""{"Password":"***","token":"***","keep":"k"}""", result);
        Assert.DoesNotContain("hunter2", result, StringComparison.Ordinal);
    }

    [Fact]
    public void Redact_LongStringAnyDepth_TruncatedWithDigest()
    {
        var longText = new string('a', 11);
        var args = Parse($$$"""{"a":"{{{longText}}}","nested":{"list":["short","{{{longText}}}"]}}""");

        var result = AuditArgumentRedactor.Redact(args, None, None, maxStringLength: 10);

        var digest = $$$"""{"truncated":true,"size":11,"sha256":"{{{Sha(Encoding.UTF8.GetBytes(longText))}}}"}""";
        Assert.Equal($$$"""{"a":{{{digest}}},"nested":{"list":["short",{{{digest}}}]}}""", result);
    }

    [Fact]
    public void Redact_StringExactlyAtLimit_Kept()
    {
        var result = AuditArgumentRedactor.Redact(Parse("""{"a":"0123456789"}"""), None, None, maxStringLength: 10);

        Assert.Equal("""{"a":"0123456789"}""", result);
    }

    [Theory]
    [InlineData("null", "null")]
    [InlineData("[1,\"x\"]", "[1,\"x\"]")]
    [InlineData("\"plain\"", "\"plain\"")]
    [InlineData("7", "7")]
    public void Redact_NonObjectInput_RecordedFaithfully(string input, string expected)
    {
        Assert.Equal(expected, AuditArgumentRedactor.Redact(Parse(input), ["plain"], ["plain"]));
    }

    [Fact]
    public void Redact_NoArguments_NullText()
    {
        Assert.Equal("null", AuditArgumentRedactor.Redact(null, None, None));
        Assert.Equal("null", AuditArgumentRedactor.Redact(default(JsonElement), None, None));
    }

    [Fact]
    public void Redact_LongTopLevelString_Truncated()
    {
        var result = AuditArgumentRedactor.Redact(Parse("\"abcdef\""), None, None, maxStringLength: 3);

        Assert.StartsWith("""{"truncated":true,"size":6,""", result, StringComparison.Ordinal);
    }

    [Fact]
    public void Redact_HugeNumberAndLongName_Capped()
    {
        var digits = new string('9', 40);
        var name = new string('n', 40);

        var result = AuditArgumentRedactor.Redact(Parse($$$"""{"{{{name}}}":{{{digits}}}}"""), None, None, maxStringLength: 20);

        Assert.DoesNotContain(digits, result, StringComparison.Ordinal);
        Assert.DoesNotContain(name, result, StringComparison.Ordinal);
        Assert.Contains("\"truncated\":true", result, StringComparison.Ordinal);
        using var reparsed = JsonDocument.Parse(result);
    }

    [Fact]
    public void Redact_LoneSurrogateEscape_DoesNotThrowAndStaysValidJson()
    {
        var result = AuditArgumentRedactor.Redact(Parse("""{"key":"a\ud800b","\udc00":1}"""), None, None);

        Assert.Contains("""a\ud800b""", result, StringComparison.Ordinal);
        using var reparsed = JsonDocument.Parse(result);
    }

    [Fact]
    public void Redact_SameInputTwice_SameOutput()
    {
        var args = Parse("""{"b":"é","a":[1,2],"zipBase64":"AAEC","secret":"s"}""");

        var first = AuditArgumentRedactor.Redact(args, ["zipBase64"], ["secret"]);
        var second = AuditArgumentRedactor.Redact(Parse(args.GetRawText()), ["zipBase64"], ["secret"]);

        Assert.Equal(first, second);
        Assert.Contains("\"b\":\"é\"", first, StringComparison.Ordinal);
    }
}
