using System.Text.Json;
using Sentrely.Approval;
using Sentrely.Arguments;
using Sentrely.Configuration;
using Sentrely.Pipeline;
using Sentrely.Sessions;
using Sentrely.TestUtilities;

namespace Sentrely.Core.Tests.Approval;

public sealed class ApprovalFingerprintTests
{
    private static readonly SessionContext Session = new("sess_a0000000000000000000", "jordan", "api", "agent", null, null, "stdio");

    private static string Of(string argumentsJson, SessionContext? session = null, string? contentSha256 = null)
    {
        using var document = JsonDocument.Parse(argumentsJson);
        var values = new Dictionary<string, IReadOnlyList<string>> { ["key"] = ["k"] };
        if (contentSha256 is not null)
        {
            values["contentSha256"] = [contentSha256];
        }

        var context = new ToolCallContext(
            new ToolCallRequest(session ?? Session, "put-thing", document.RootElement.Clone(), NoFileRoots.Instance, NoFileRoots.Instance),
            "call_x",
            ActiveConfiguration.From(new SentrelyConfig()))
        {
            Arguments = new ValidatedArguments { Typed = new object(), Values = values },
        };
        return ApprovalFingerprint.Of(context);
    }

    [Fact]
    public void Of_KeyOrderAndEscapingDoNotMatter()
    {
        Assert.Equal(Of("""{"a":"x/y","b":[1,2]}"""), Of("""{ "b": [1, 2], "a": "x\/y" }"""));
    }

    [Theory]
    [InlineData("""{"a":"x/y","b":[2,1]}""")]
    [InlineData("""{"a":"x/Y","b":[1,2]}""")]
    [InlineData("""{"a":"x/y","b":[1,2],"c":null}""")]
    [InlineData("""{"a":"x/y","b":[1.0,2]}""")]
    public void Of_AnyArgumentDifference_DifferentFingerprint(string other)
    {
        Assert.NotEqual(Of("""{"a":"x/y","b":[1,2]}"""), Of(other));
    }

    [Fact]
    public void Of_OtherSessionOrOtherContent_DifferentFingerprint()
    {
        const string args = """{"path":"build/app.zip"}""";

        Assert.NotEqual(Of(args), Of(args, Session with { SessionId = "sess_b0000000000000000000" }));
        Assert.NotEqual(Of(args, contentSha256: "aa"), Of(args, contentSha256: "bb"));
        Assert.Matches("^[0-9a-f]{64}$", Of(args));
    }
}
