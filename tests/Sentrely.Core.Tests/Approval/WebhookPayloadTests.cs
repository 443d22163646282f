using System.Text;
using System.Text.Json;
using Sentrely.Approval;

namespace Sentrely.Core.Tests.Approval;

public sealed class WebhookPayloadTests
{
    [Fact]
    public void Text_MarkupInDeveloperOrResources_EscapedForSlack()
    {
        // Arrange
        var record = WebhookNotifierTests.Record() with { Developer = "<!channel> & co", Resources = ["arn:<https://evil|click>"] };

        // Act
        var text = WebhookPayload.Text(record);

        // Assert
        Assert.Contains("&lt;!channel&gt; &amp; co's agent", text, StringComparison.Ordinal);
        Assert.Contains("arn:&lt;https://evil|click&gt;", text, StringComparison.Ordinal);
        Assert.DoesNotContain("<", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Text_ControlAndBidiCharactersInToolOrSession_VisibleEscapes()
    {
        // Arrange
        var record = WebhookNotifierTests.Record() with { Tool = "x\u001b[2K\rapproved\u202e", SessionId = "sess_1\nforged" };

        // Act
        var text = WebhookPayload.Text(record);

        // Assert
        Assert.Contains("x\\x1b[2K\\rapproved\\u202e", text, StringComparison.Ordinal);
        Assert.Contains("sess_1\\nforged", text, StringComparison.Ordinal);
        Assert.DoesNotContain(text, c => c is '\u001b' or '\r' or '\n' or '\u202e');
    }

    [Fact]
    public void Text_ManyResources_FirstFiveAndACount()
    {
        // Arrange
        var record = WebhookNotifierTests.Record() with { Resources = Enumerable.Range(1, 7).Select(i => $"arn:r{i}").ToList() };

        // Act
        var text = WebhookPayload.Text(record);

        // Assert
        Assert.Contains("on arn:r1, arn:r2, arn:r3, arn:r4, arn:r5 and 2 more (session", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_ArgumentsNotJson_SentAsAString()
    {
        // Arrange
        var record = WebhookNotifierTests.Record() with { Arguments = "{not json" };

        // Act
        var body = JsonDocument.Parse(Encoding.UTF8.GetString(WebhookPayload.Write(record))).RootElement;

        // Assert
        Assert.Equal("{not json", body.GetProperty("arguments").GetString());
    }
}
