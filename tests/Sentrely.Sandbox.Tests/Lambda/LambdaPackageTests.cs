namespace Sentrely.Sandbox.Tests.Lambda;

/// <summary>UpdateFunctionCode from S3 reads the package with the caller's permissions, one exact version when asked.</summary>
public sealed class LambdaPackageTests
{
    private static string Policy(string packageStatement) => $$"""
        {"Version":"2012-10-17","Statement":[{"Effect":"Allow",
         "Action":["lambda:UpdateFunctionCode","lambda:GetFunctionConfiguration"],
         "Resource":"arn:aws:lambda:us-east-1:111122223333:function:api"}{{packageStatement}}]}
        """;

    private static async Task<AwsTestDouble> StartAsync()
    {
        var aws = await AwsTestDouble.StartAsync();
        aws.State.AddFunction(new LambdaFunctionSeed { Name = "api", Code = [1] });
        aws.State.EnableVersioning("deploys");
        return aws;
    }

    [Fact]
    public async Task UpdateFunctionCode_NoPermissionOnPackage_AccessDeniedAndCodeUnchanged()
    {
        // Arrange
        await using var aws = await StartAsync();
        aws.State.PutObject("deploys", "api.zip", [7]);
        using var lambda = new LambdaHttp(aws, await Clients.AssumeAsync(aws, Policy("")));

        // Act
        var denied = await lambda.SendAsync(HttpMethod.Put, "2015-03-31/functions/api/code", """{"S3Bucket":"deploys","S3Key":"api.zip"}""");

        // Assert
        Assert.Equal(403, denied.Status);
        Assert.Equal("AccessDeniedException", denied.ErrorType);
        Assert.Equal([1], aws.State.GetFunction("api")!.Code);
        var record = Assert.Single(aws.Requests, r => r.Service == "lambda");
        Assert.False(record.Authorized);
        Assert.Contains("arn:aws:s3:::deploys/api.zip", record.Resources);
    }

    [Fact]
    public async Task UpdateFunctionCode_S3ObjectVersion_DeploysThatVersionWithGetObjectVersionOnIt()
    {
        // Arrange: two versions; the caller may read only the first, by version id, in this account's bucket.
        await using var aws = await StartAsync();
        var first = aws.State.PutObject("deploys", "api.zip", [7])!;
        var second = aws.State.PutObject("deploys", "api.zip", [8])!;
        var condition = $$$"""{"StringEquals":{"s3:ResourceAccount":"111122223333","s3:versionid":"{{{first}}}"}}""";
        using var lambda = new LambdaHttp(aws, await Clients.AssumeAsync(aws, Policy(
            $$""",{"Effect":"Allow","Action":"s3:GetObjectVersion","Resource":"arn:aws:s3:::deploys/api.zip","Condition":{{condition}}}""")));

        // Act
        var other = await lambda.SendAsync(HttpMethod.Put, "2015-03-31/functions/api/code", $$"""{"S3Bucket":"deploys","S3Key":"api.zip","S3ObjectVersion":"{{second}}"}""");
        var current = await lambda.SendAsync(HttpMethod.Put, "2015-03-31/functions/api/code", """{"S3Bucket":"deploys","S3Key":"api.zip"}""");
        var pinned = await lambda.SendAsync(HttpMethod.Put, "2015-03-31/functions/api/code", $$"""{"S3Bucket":"deploys","S3Key":"api.zip","S3ObjectVersion":"{{first}}"}""");

        // Assert
        Assert.NotEqual(first, second);
        Assert.Equal("AccessDeniedException", other.ErrorType);
        Assert.Equal("AccessDeniedException", current.ErrorType);
        Assert.Equal(200, pinned.Status);
        Assert.Equal([7], aws.State.GetFunction("api")!.Code);
    }

    [Fact]
    public async Task UpdateFunctionCode_UnknownVersion_InvalidParameterNoSuchVersion()
    {
        // Arrange
        await using var aws = await StartAsync();
        aws.State.PutObject("deploys", "api.zip", [7]);
        using var lambda = new LambdaHttp(aws, await Clients.AssumeAsync(aws, Policy(
            """,{"Effect":"Allow","Action":"s3:GetObjectVersion","Resource":"arn:aws:s3:::deploys/api.zip"}""")));

        // Act
        var missing = await lambda.SendAsync(HttpMethod.Put, "2015-03-31/functions/api/code", """{"S3Bucket":"deploys","S3Key":"api.zip","S3ObjectVersion":"nope"}""");

        // Assert
        Assert.Equal("InvalidParameterValueException", missing.ErrorType);
        Assert.Contains("NoSuchVersion", missing.Body.GetProperty("Message").GetString(), StringComparison.Ordinal);
    }
}
