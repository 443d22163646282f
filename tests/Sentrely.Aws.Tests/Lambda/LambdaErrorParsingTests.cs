using System.Net;
using Sentrely.Aws.Lambda;
using Sentrely.Aws.Tests.TestDoubles;

namespace Sentrely.Aws.Tests.Lambda;

public class LambdaErrorParsingTests
{
    private static async Task<LambdaApiException> FailWith(CapturingHandler handler)
    {
        using var client = LambdaTestData.Client(handler);
        return await Assert.ThrowsAsync<LambdaApiException>(() => client.GetFunctionConfigurationAsync("fn", null, CancellationToken.None));
    }

    [Fact]
    public async Task Error_HeaderTypeAndUpperCaseMessage_ParsesBoth()
    {
        // Arrange
        var handler = new CapturingHandler().Respond(
            HttpStatusCode.NotFound,
            """{"Type":"User","Message":"Function not found: arn:aws:lambda:us-east-1:111122223333:function:fn"}""",
            headers: [("X-Amzn-ErrorType", "ResourceNotFoundException:http://internal.amazon.com/coral/com.amazonaws.awslambda/"), ("x-amzn-RequestId", "req-404")]);

        // Act
        var ex = await FailWith(handler);

        // Assert
        Assert.Equal("ResourceNotFoundException", ex.ErrorType);
        Assert.Equal(404, ex.StatusCode);
        Assert.Equal("req-404", ex.RequestId);
        Assert.Null(ex.RetryAfterSeconds);
        Assert.Contains("Function not found", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Error_LowerCaseMessage_IsRead()
    {
        // Arrange
        var handler = new CapturingHandler().Respond(
            HttpStatusCode.PreconditionFailed,
            """{"Type":"User","message":"The Revision Id provided does not match the latest Revision Id."}""",
            headers: ("X-Amzn-ErrorType", "PreconditionFailedException"));

        // Act
        var ex = await FailWith(handler);

        // Assert
        Assert.Equal("PreconditionFailedException", ex.ErrorType);
        Assert.Equal(412, ex.StatusCode);
        Assert.Contains("Revision Id provided does not match", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"__type":"com.amazon.coral#InvalidParameterValueException","message":"bad"}""", "InvalidParameterValueException")]
    [InlineData("""{"Type":"InvalidParameterValueException","Message":"bad"}""", "InvalidParameterValueException")]
    [InlineData("""{"Type":"User","Message":"bad"}""", "Unknown")]
    [InlineData("""{"Type":"Bad Type<script>","Message":"bad"}""", "Unknown")]
    public async Task Error_NoHeader_TypeFromBody(string body, string expected)
    {
        // Arrange
        var handler = new CapturingHandler().Respond(HttpStatusCode.BadRequest, body);

        // Act
        var ex = await FailWith(handler);

        // Assert
        Assert.Equal(expected, ex.ErrorType);
        Assert.Contains("bad", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"7\"")]
    [InlineData("7")]
    [InlineData("6.2")]
    public async Task Error_TooManyRequestsBody_ReadsRetryAfterSeconds(string retryAfter)
    {
        // Arrange
        var handler = new CapturingHandler().Respond(
            HttpStatusCode.TooManyRequests,
            $$"""{"Reason":"CallerRateLimitExceeded","Type":"User","message":"Rate exceeded","retryAfterSeconds":{{retryAfter}}}""",
            headers: ("X-Amzn-ErrorType", "TooManyRequestsException"));

        // Act
        var ex = await FailWith(handler);

        // Assert
        Assert.Equal("TooManyRequestsException", ex.ErrorType);
        Assert.Equal(429, ex.StatusCode);
        Assert.Equal(7, ex.RetryAfterSeconds);
        Assert.Contains("Retry after 7 seconds", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Error_TooManyRequestsHeaderOnly_ReadsRetryAfterHeader()
    {
        // Arrange
        var handler = new CapturingHandler().Respond(HttpStatusCode.TooManyRequests, "{}", headers: [("X-Amzn-ErrorType", "TooManyRequestsException"), ("Retry-After", "3")]);

        // Act
        var ex = await FailWith(handler);

        // Assert
        Assert.Equal(3, ex.RetryAfterSeconds);
    }

    [Fact]
    public async Task Error_RetryAfterOnNon429_IsIgnored()
    {
        // Arrange
        var handler = new CapturingHandler().Respond(HttpStatusCode.Conflict, """{"message":"busy","retryAfterSeconds":"5"}""", headers: ("X-Amzn-ErrorType", "ResourceConflictException"));

        // Act
        var ex = await FailWith(handler);

        // Assert
        Assert.Null(ex.RetryAfterSeconds);
    }

    [Fact]
    public async Task Error_HtmlBody_UsesStatusAndDropsBody()
    {
        // Arrange
        var handler = new CapturingHandler().Respond(HttpStatusCode.BadGateway, "<html><body>proxy secret page</body></html>", "text/html");

        // Act
        var ex = await FailWith(handler);

        // Assert
        Assert.Equal("Unknown", ex.ErrorType);
        Assert.Equal(502, ex.StatusCode);
        Assert.DoesNotContain("proxy secret page", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Error_Redirect_IsAnErrorNotFollowed()
    {
        // Arrange
        var handler = new CapturingHandler().Respond(HttpStatusCode.TemporaryRedirect, "", headers: ("Location", "https://evil.example/"));

        // Act
        var ex = await FailWith(handler);

        // Assert
        Assert.Equal(307, ex.StatusCode);
        Assert.Single(handler.Requests);
    }

    [Fact]
    public async Task Error_LongMessageWithControlCharacters_IsCleanedAndTruncated()
    {
        // Arrange
        var handler = new CapturingHandler().Respond(HttpStatusCode.BadRequest, $$"""{"Message":"line1\nline2\u001b[31m{{new string('x', 1000)}}"}""");

        // Act
        var ex = await FailWith(handler);

        // Assert
        Assert.DoesNotContain('\n', ex.Message);
        Assert.DoesNotContain('\u001b', ex.Message);
        Assert.True(ex.Message.Length < 400, $"message length {ex.Message.Length}");
    }
}
