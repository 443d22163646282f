using System.Security.Cryptography;
using System.Text.Json;

namespace Sentrely.Sandbox.Tests.Lambda;

public sealed class LambdaTests
{
    private const string FunctionPolicy = """
        {"Version":"2012-10-17","Statement":[{"Effect":"Allow",
         "Action":["lambda:UpdateFunctionCode","lambda:GetFunctionConfiguration","lambda:GetFunction"],
         "Resource":"arn:aws:lambda:us-east-1:111122223333:function:api"}]}
        """;

    // Lambda reads an S3 package with the caller's permissions.
    private static string FunctionAndPackagePolicy(string objects, string action, string? condition = null) => $$"""
        {"Version":"2012-10-17","Statement":[{"Effect":"Allow",
         "Action":["lambda:UpdateFunctionCode","lambda:GetFunctionConfiguration"],
         "Resource":"arn:aws:lambda:us-east-1:111122223333:function:api"},
         {"Effect":"Allow","Action":"{{action}}","Resource":"arn:aws:s3:::{{objects}}"{{(condition is null ? "" : ",\"Condition\":" + condition)}}}]}
        """;

    private static async Task<AwsTestDouble> StartWithFunctionAsync()
    {
        var aws = await AwsTestDouble.StartAsync();
        aws.State.AddFunction(new LambdaFunctionSeed
        {
            Name = "api",
            Environment = new Dictionary<string, string> { ["DB_PASSWORD"] = "hunter2" },
            Code = [1, 2, 3],
        });
        return aws;
    }

    [Fact]
    public async Task UpdateFunctionCode_ThenPoll_InProgressUntilConfiguredReadsThenSuccessful()
    {
        // Arrange
        await using var aws = await StartWithFunctionAsync();
        var before = aws.State.GetFunction("api")!;
        using var lambda = new LambdaHttp(aws, await Clients.AssumeAsync(aws, FunctionPolicy));
        byte[] zip = [80, 75, 3, 4, 9, 9, 9];
        var body = JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["ZipFile"] = Convert.ToBase64String(zip), ["RevisionId"] = before.RevisionId, ["Publish"] = false,
        });

        // Act
        var update = await lambda.SendAsync(HttpMethod.Put, "2015-03-31/functions/api/code", body);
        var statuses = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var read = await lambda.SendAsync(HttpMethod.Get, "2015-03-31/functions/api/configuration");
            statuses.Add(read.Body.GetProperty("LastUpdateStatus").GetString()!);
        }

        // Assert
        Assert.Equal(200, update.Status);
        Assert.Equal("InProgress", update.Body.GetProperty("LastUpdateStatus").GetString());
        Assert.Equal(Convert.ToBase64String(SHA256.HashData(zip)), update.Body.GetProperty("CodeSha256").GetString());
        Assert.Equal(zip.Length, update.Body.GetProperty("CodeSize").GetInt64());
        Assert.NotEqual(before.RevisionId, update.Body.GetProperty("RevisionId").GetString());
        Assert.Equal("hunter2", update.Body.GetProperty("Environment").GetProperty("Variables").GetProperty("DB_PASSWORD").GetString());
        Assert.Equal(["InProgress", "InProgress", "Successful"], statuses);
        Assert.Equal(zip, aws.State.GetFunction("api")!.Code);
        var record = aws.Requests.First(r => r.Action == "lambda:UpdateFunctionCode");
        Assert.Equal(["arn:aws:lambda:us-east-1:111122223333:function:api"], record.Resources);
        Assert.True(record.Authorized);
    }

    [Fact]
    public async Task UpdateFunctionCode_StaleRevisionId_412PreconditionFailed()
    {
        // Arrange
        await using var aws = await StartWithFunctionAsync();
        using var lambda = new LambdaHttp(aws, await Clients.AssumeAsync(aws, FunctionPolicy));

        // Act
        var result = await lambda.SendAsync(HttpMethod.Put, "2015-03-31/functions/api/code",
            """{"ZipFile":"UEsDBA==","RevisionId":"00000000-0000-0000-0000-000000000000"}""");

        // Assert
        Assert.Equal(412, result.Status);
        Assert.Equal("PreconditionFailedException", result.ErrorType);
        Assert.Equal("User", result.Body.GetProperty("Type").GetString());
        Assert.True(result.Body.TryGetProperty("message", out _));
        Assert.Equal([1, 2, 3], aws.State.GetFunction("api")!.Code);
    }

    [Fact]
    public async Task UpdateFunctionCode_FromS3Object_UsesObjectAndRequiresItToExist()
    {
        // Arrange
        await using var aws = await StartWithFunctionAsync();
        aws.State.PutObject("deploys", "api.zip", [7, 7, 7]);
        using var lambda = new LambdaHttp(aws, await Clients.AssumeAsync(aws, FunctionAndPackagePolicy("deploys/*", "s3:GetObject")));

        // Act
        var missing = await lambda.SendAsync(HttpMethod.Put, "2015-03-31/functions/api/code", """{"S3Bucket":"deploys","S3Key":"nope.zip"}""");
        var ok = await lambda.SendAsync(HttpMethod.Put, "2015-03-31/functions/api/code", """{"S3Bucket":"deploys","S3Key":"api.zip"}""");

        // Assert
        Assert.Equal("InvalidParameterValueException", missing.ErrorType);
        Assert.Equal(200, ok.Status);
        Assert.Equal([7, 7, 7], aws.State.GetFunction("api")!.Code);
    }

    [Fact]
    public async Task GetFunction_UnknownFunction_404ResourceNotFound()
    {
        // Arrange
        await using var aws = await StartWithFunctionAsync();
        using var lambda = new LambdaHttp(aws, await Clients.AssumeAsync(aws));

        // Act
        var result = await lambda.SendAsync(HttpMethod.Get, "2015-03-31/functions/nope");

        // Assert
        Assert.Equal(404, result.Status);
        Assert.Equal("ResourceNotFoundException", result.ErrorType);
        Assert.Equal("User", result.Body.GetProperty("Type").GetString());
        Assert.Contains("nope", result.Body.GetProperty("Message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetFunctionConfiguration_OtherFunctionOrQualifier_AccessDenied()
    {
        // Arrange
        await using var aws = await StartWithFunctionAsync();
        aws.State.AddFunction(new LambdaFunctionSeed { Name = "billing" });
        using var lambda = new LambdaHttp(aws, await Clients.AssumeAsync(aws, FunctionPolicy));

        // Act
        var other = await lambda.SendAsync(HttpMethod.Get, "2015-03-31/functions/billing/configuration");
        var qualified = await lambda.SendAsync(HttpMethod.Get, "2015-03-31/functions/api/configuration?Qualifier=%24LATEST");
        var byArn = await lambda.SendAsync(HttpMethod.Get,
            "2015-03-31/functions/" + Uri.EscapeDataString("arn:aws:lambda:us-east-1:111122223333:function:api") + "/configuration");

        // Assert
        Assert.Equal("AccessDeniedException", other.ErrorType);
        Assert.Equal(403, qualified.Status);
        Assert.Equal(["arn:aws:lambda:us-east-1:111122223333:function:api:$LATEST"], aws.Requests[^2].Resources);
        Assert.Equal(200, byArn.Status);
    }

    [Fact]
    public async Task ListFunctions_MaxItems_PagesWithMarker()
    {
        // Arrange
        await using var aws = await StartWithFunctionAsync();
        aws.State.AddFunction(new LambdaFunctionSeed { Name = "billing" });
        aws.State.AddFunction(new LambdaFunctionSeed { Name = "cron" });
        using var lambda = new LambdaHttp(aws, await Clients.AssumeAsync(aws));

        // Act
        var first = await lambda.SendAsync(HttpMethod.Get, "2015-03-31/functions/?MaxItems=2");
        var marker = Uri.EscapeDataString(first.Body.GetProperty("NextMarker").GetString()!);
        var second = await lambda.SendAsync(HttpMethod.Get, $"2015-03-31/functions/?MaxItems=2&Marker={marker}");

        // Assert
        Assert.Equal(["api", "billing"], first.Body.GetProperty("Functions").EnumerateArray().Select(f => f.GetProperty("FunctionName").GetString()));
        Assert.Equal(["cron"], second.Body.GetProperty("Functions").EnumerateArray().Select(f => f.GetProperty("FunctionName").GetString()));
        Assert.False(second.Body.TryGetProperty("NextMarker", out _));
        Assert.Equal(["*"], aws.Requests[^1].Resources);
    }

    [Fact]
    public async Task GetFunction_BaseCredentials_AccessDenied()
    {
        // Arrange
        await using var aws = await StartWithFunctionAsync();
        using var lambda = new LambdaHttp(aws, Clients.Base(aws));

        // Act
        var result = await lambda.SendAsync(HttpMethod.Get, "2015-03-31/functions/api");

        // Assert
        Assert.Equal(403, result.Status);
        Assert.Equal("AccessDeniedException", result.ErrorType);
    }
}
