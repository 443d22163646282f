using System.Net;
using System.Text.Json;
using Sentrely.Aws.Lambda;
using Sentrely.Aws.Tests.TestDoubles;

namespace Sentrely.Aws.Tests.Lambda;

public class SignedLambdaClientResponseTests
{
    [Fact]
    public async Task GetFunctionConfiguration_Success_MapsFieldsAndRequestId()
    {
        // Arrange
        var handler = new CapturingHandler().Respond(HttpStatusCode.OK, LambdaTestData.ConfigurationJson, headers: ("x-amzn-RequestId", "6f5e4d3c-0000-1111-2222-333344445555"));
        using var client = LambdaTestData.Client(handler);

        // Act
        var response = await client.GetFunctionConfigurationAsync("webhooks-handler", null, CancellationToken.None);

        // Assert
        var c = response.Configuration;
        Assert.Equal("6f5e4d3c-0000-1111-2222-333344445555", response.RequestId);
        Assert.Equal("arn:aws:lambda:us-east-1:111122223333:function:webhooks-handler", c.FunctionArn);
        Assert.Equal(("nodejs22.x", "index.handler", 5242880L, "abc123="), (c.Runtime, c.Handler, c.CodeSize, c.CodeSha256));
        Assert.Equal(("$LATEST", "rev-1", "Active", "Successful", "done"), (c.Version, c.RevisionId, c.State, c.LastUpdateStatus, c.LastUpdateStatusReason));
        Assert.Equal((256, 30, "Zip"), (c.MemorySize, c.Timeout, c.PackageType));
        Assert.Equal("2025-01-02T03:04:05.000+0000", c.LastModified);
    }

    [Fact]
    public async Task GetFunctionConfiguration_EnvironmentVariables_KeepsNamesOnly()
    {
        // Arrange
        var handler = new CapturingHandler().Respond(HttpStatusCode.OK, LambdaTestData.ConfigurationJson);
        using var client = LambdaTestData.Client(handler);

        // Act
        var response = await client.GetFunctionConfigurationAsync("webhooks-handler", null, CancellationToken.None);
        var serialised = JsonSerializer.Serialize(response);

        // Assert
        Assert.Equal(["DB_PASSWORD", "STAGE"], response.Configuration.EnvironmentVariableNames);
        Assert.Contains("DB_PASSWORD", serialised, StringComparison.Ordinal);
        Assert.DoesNotContain(LambdaTestData.SecretValue, serialised, StringComparison.Ordinal);
        Assert.DoesNotContain("\"dev\"", serialised, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"FunctionName":"f"}""")]
    [InlineData("""{"FunctionName":"f","Environment":null}""")]
    [InlineData("""{"FunctionName":"f","Environment":{"Error":{"Message":"kms"}}}""")]
    public async Task GetFunctionConfiguration_NoVariables_EmptyNames(string json)
    {
        // Arrange
        using var client = LambdaTestData.Client(new CapturingHandler().Respond(HttpStatusCode.OK, json));

        // Act
        var response = await client.GetFunctionConfigurationAsync("f", null, CancellationToken.None);

        // Assert
        Assert.Empty(response.Configuration.EnvironmentVariableNames);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("null")]
    [InlineData("""{"Environment":{"Variables":["A"]}}""")]
    [InlineData("""{"Environment":"x"}""")]
    public async Task GetFunctionConfiguration_UnreadableSuccessBody_ThrowsInvalidResponse(string body)
    {
        // Arrange
        using var client = LambdaTestData.Client(new CapturingHandler().Respond(HttpStatusCode.OK, body));

        // Act
        var ex = await Assert.ThrowsAsync<LambdaApiException>(() => client.GetFunctionConfigurationAsync("f", null, CancellationToken.None));

        // Assert
        Assert.Equal("InvalidResponse", ex.ErrorType);
    }

    [Fact]
    public async Task AnyCall_TransportFails_ThrowsRequestFailedWithoutHostDetails()
    {
        // Arrange
        using var client = LambdaTestData.Client(new FailingHandler());

        // Act
        var ex = await Assert.ThrowsAsync<LambdaApiException>(() => client.ListFunctionsAsync(null, null, CancellationToken.None));

        // Assert
        Assert.Equal("RequestFailed", ex.ErrorType);
        Assert.Equal(0, ex.StatusCode);
        Assert.DoesNotContain("internal.example", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CreateTransport_Always_DoesNotFollowRedirects()
    {
        // Act
        using var transport = SignedLambdaClient.CreateTransport();

        // Assert
        Assert.False(Assert.IsType<SocketsHttpHandler>(transport).AllowAutoRedirect);
    }
}
