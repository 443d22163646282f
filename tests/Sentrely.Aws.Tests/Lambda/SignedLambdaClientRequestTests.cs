using System.Net;
using System.Text.Json;
using Sentrely.Aws.Lambda;
using Sentrely.Aws.Tests.TestDoubles;

namespace Sentrely.Aws.Tests.Lambda;

public class SignedLambdaClientRequestTests
{
    private readonly CapturingHandler _handler = new CapturingHandler().Respond(HttpStatusCode.OK, LambdaTestData.ConfigurationJson);

    [Fact]
    public async Task UpdateFunctionCode_ZipFile_PutsBase64BodyToCodePath()
    {
        // Arrange
        using var client = LambdaTestData.Client(_handler);
        var zip = new byte[] { 0x50, 0x4B, 0x03, 0x04, 0xFF };

        // Act
        await client.UpdateFunctionCodeAsync(
            new UpdateFunctionCodeRequest { FunctionName = "webhooks-handler", ZipFile = zip, Publish = true, RevisionId = "rev-1" },
            CancellationToken.None);

        // Assert
        var request = Assert.Single(_handler.Requests);
        Assert.Equal(HttpMethod.Put, request.Method);
        Assert.Equal("/2015-03-31/functions/webhooks-handler/code", request.Uri.AbsolutePath);
        Assert.StartsWith("application/json", request.Header("Content-Type"), StringComparison.Ordinal);
        using var body = JsonDocument.Parse(request.Body);
        Assert.Equal(Convert.ToBase64String(zip), body.RootElement.GetProperty("ZipFile").GetString());
        Assert.True(body.RootElement.GetProperty("Publish").GetBoolean());
        Assert.False(body.RootElement.GetProperty("DryRun").GetBoolean());
        Assert.Equal("rev-1", body.RootElement.GetProperty("RevisionId").GetString());
        Assert.False(body.RootElement.TryGetProperty("S3Bucket", out _));
        Assert.False(body.RootElement.TryGetProperty("ImageUri", out _));
    }

    [Fact]
    public async Task UpdateFunctionCode_S3Source_SendsBucketAndKeyOnly()
    {
        // Arrange
        using var client = LambdaTestData.Client(_handler);

        // Act
        await client.UpdateFunctionCodeAsync(
            new UpdateFunctionCodeRequest { FunctionName = "fn", S3Bucket = "my-app-deployments", S3Key = "builds/app.zip", DryRun = true },
            CancellationToken.None);

        // Assert
        using var body = JsonDocument.Parse(Assert.Single(_handler.Requests).Body);
        Assert.Equal("my-app-deployments", body.RootElement.GetProperty("S3Bucket").GetString());
        Assert.Equal("builds/app.zip", body.RootElement.GetProperty("S3Key").GetString());
        Assert.True(body.RootElement.GetProperty("DryRun").GetBoolean());
        Assert.False(body.RootElement.TryGetProperty("ZipFile", out _));
        Assert.False(body.RootElement.TryGetProperty("RevisionId", out _));
    }

    [Theory]
    [InlineData(true, true, false)]
    [InlineData(false, false, false)]
    [InlineData(false, true, true)]
    public async Task UpdateFunctionCode_NotExactlyOneCodeSource_ThrowsWithoutSending(bool zip, bool s3, bool image)
    {
        // Arrange
        using var client = LambdaTestData.Client(_handler);
        var request = new UpdateFunctionCodeRequest
        {
            FunctionName = "fn",
            ZipFile = zip ? new byte[] { 1 } : null,
            S3Bucket = s3 ? "bucket" : null,
            S3Key = s3 ? "key.zip" : null,
            ImageUri = image ? "111122223333.dkr.ecr.us-east-1.amazonaws.com/app:1" : null,
        };

        // Act + Assert
        await Assert.ThrowsAsync<ArgumentException>(() => client.UpdateFunctionCodeAsync(request, CancellationToken.None));
        Assert.Empty(_handler.Requests);
    }

    [Fact]
    public async Task GetFunctionConfiguration_ArnWithQualifier_EscapesNameAndSendsQualifier()
    {
        // Arrange
        using var client = LambdaTestData.Client(_handler);

        // Act
        await client.GetFunctionConfigurationAsync("arn:aws:lambda:us-east-1:111122223333:function:webhooks-handler", "prod", CancellationToken.None);

        // Assert
        var request = Assert.Single(_handler.Requests);
        Assert.Equal(HttpMethod.Get, request.Method);
        Assert.Equal(
            "https://lambda.us-east-1.amazonaws.com/2015-03-31/functions/arn%3Aaws%3Alambda%3Aus-east-1%3A111122223333%3Afunction%3Awebhooks-handler/configuration?Qualifier=prod",
            request.Uri.AbsoluteUri);
        Assert.Empty(request.Body);
    }

    [Fact]
    public async Task GetFunctionConfiguration_LatestQualifier_EscapesDollar()
    {
        // Arrange
        using var client = LambdaTestData.Client(_handler);

        // Act
        await client.GetFunctionConfigurationAsync("fn", "$LATEST", CancellationToken.None);

        // Assert
        Assert.Equal("?Qualifier=%24LATEST", Assert.Single(_handler.Requests).Uri.Query);
    }

    [Theory]
    [InlineData("..")]
    [InlineData(".")]
    [InlineData("fn/../../other")]
    [InlineData("fn?x=1")]
    [InlineData("")]
    [InlineData("fn name")]
    public async Task GetFunctionConfiguration_UnsafeName_ThrowsWithoutSending(string name)
    {
        // Arrange
        using var client = LambdaTestData.Client(_handler);

        // Act + Assert
        await Assert.ThrowsAsync<ArgumentException>(() => client.GetFunctionConfigurationAsync(name, null, CancellationToken.None));
        Assert.Empty(_handler.Requests);
    }

    [Fact]
    public async Task ListFunctions_MarkerAndMaxItems_SendsEscapedQuery()
    {
        // Arrange
        var handler = new CapturingHandler().Respond(HttpStatusCode.OK, $$"""{"Functions":[{{LambdaTestData.ConfigurationJson}}],"NextMarker":"next+/="}""");
        using var client = LambdaTestData.Client(handler);

        // Act
        var page = await client.ListFunctionsAsync("abc+/=", 50, CancellationToken.None);

        // Assert
        var request = Assert.Single(handler.Requests);
        Assert.Equal(HttpMethod.Get, request.Method);
        Assert.Equal("/2015-03-31/functions", request.Uri.AbsolutePath);
        Assert.Equal("?Marker=abc%2B%2F%3D&MaxItems=50", request.Uri.Query);
        Assert.Equal("webhooks-handler", Assert.Single(page.Functions).FunctionName);
        Assert.Equal("next+/=", page.NextMarker);
    }

    [Fact]
    public async Task ListFunctions_NoArgumentsAndEmptyPage_SendsBarePath()
    {
        // Arrange
        var handler = new CapturingHandler().Respond(HttpStatusCode.OK, """{"Functions":[]}""");
        using var client = LambdaTestData.Client(handler);

        // Act
        var page = await client.ListFunctionsAsync(null, null, CancellationToken.None);

        // Assert
        Assert.Equal("https://lambda.us-east-1.amazonaws.com/2015-03-31/functions", Assert.Single(handler.Requests).Uri.AbsoluteUri);
        Assert.Empty(page.Functions);
        Assert.Null(page.NextMarker);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(10001)]
    public async Task ListFunctions_MaxItemsOutOfRange_Throws(int maxItems)
    {
        // Arrange
        using var client = LambdaTestData.Client(_handler);

        // Act + Assert
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => client.ListFunctionsAsync(null, maxItems, CancellationToken.None));
        Assert.Empty(_handler.Requests);
    }

    [Fact]
    public async Task AnyCall_ScopedCredentials_SignsWithSessionToken()
    {
        // Arrange
        using var client = LambdaTestData.Client(_handler);

        // Act
        await client.GetFunctionConfigurationAsync("fn", null, CancellationToken.None);

        // Assert
        var request = Assert.Single(_handler.Requests);
        var authorization = request.Header("Authorization");
        Assert.NotNull(authorization);
        Assert.Matches(
            $"^AWS4-HMAC-SHA256 Credential={TestCredentials.AccessKey}/[0-9]{{8}}/us-east-1/lambda/aws4_request, SignedHeaders=[^ ]*x-amz-security-token[^ ]*, Signature=[0-9a-f]{{64}}$",
            authorization);
        Assert.Equal(TestCredentials.SessionToken, request.Header("X-Amz-Security-Token"));
        Assert.NotNull(request.Header("X-Amz-Date"));
    }
}
