using Amazon.S3;
using Amazon.S3.Model;

namespace Sentrely.Sandbox.Tests.S3;

/// <summary>Versioned buckets: PutObject answers a version id, GetObject/HeadObject read one version (s3:GetObjectVersion).</summary>
public sealed class S3VersioningTests
{
    private const string ReadWritePolicy = """
        {"Version":"2012-10-17","Statement":[
         {"Effect":"Allow","Action":["s3:GetObject","s3:PutObject","s3:GetObjectVersion"],"Resource":"arn:aws:s3:::builds/app.zip"}]}
        """;

    private const string CurrentOnlyPolicy = """
        {"Version":"2012-10-17","Statement":[
         {"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::builds/app.zip",
          "Condition":{"StringEquals":{"s3:ResourceAccount":"111122223333"}}}]}
        """;

    [Fact]
    public async Task PutObject_VersionedBucket_AnswersVersionIdAndKeepsEarlierVersions()
    {
        // Arrange
        await using var aws = await AwsTestDouble.StartAsync();
        aws.State.EnableVersioning("builds");
        using var s3 = Clients.S3(aws, await Clients.AssumeAsync(aws, ReadWritePolicy));

        // Act
        var first = await s3.PutObjectAsync(new PutObjectRequest { BucketName = "builds", Key = "app.zip", ContentBody = "one", UseChunkEncoding = false });
        var second = await s3.PutObjectAsync(new PutObjectRequest { BucketName = "builds", Key = "app.zip", ContentBody = "two", UseChunkEncoding = false });
        var head = await s3.GetObjectMetadataAsync(new GetObjectMetadataRequest { BucketName = "builds", Key = "app.zip" });
        using var old = await s3.GetObjectAsync(new GetObjectRequest { BucketName = "builds", Key = "app.zip", VersionId = first.VersionId });
        using var reader = new StreamReader(old.ResponseStream);
        var oldContent = await reader.ReadToEndAsync();

        // Assert
        Assert.False(string.IsNullOrEmpty(first.VersionId));
        Assert.NotEqual(first.VersionId, second.VersionId);
        Assert.Equal(second.VersionId, head.VersionId);
        Assert.Equal("one", oldContent);
        Assert.Equal(first.VersionId, old.VersionId);
        Assert.Contains(aws.Requests, r => r.Action == "s3:GetObjectVersion" && r.Authorized && r.SignatureValid);
    }

    [Fact]
    public async Task HeadObject_UnversionedBucket_NoVersionId()
    {
        // Arrange
        await using var aws = await AwsTestDouble.StartAsync();
        aws.State.PutObject("builds", "app.zip", "one"u8);
        using var s3 = Clients.S3(aws, await Clients.AssumeAsync(aws, CurrentOnlyPolicy));

        // Act
        var head = await s3.GetObjectMetadataAsync(new GetObjectMetadataRequest { BucketName = "builds", Key = "app.zip" });

        // Assert: s3:ResourceAccount is the double's account, so the pinned policy allows the read.
        Assert.True(string.IsNullOrEmpty(head.VersionId) || head.VersionId == "null");
        var record = Assert.Single(aws.Requests, r => r.Service == "s3");
        Assert.Equal("111122223333", record.ContextKeys["s3:ResourceAccount"]);
    }

    [Fact]
    public async Task GetObject_VersionIdWithoutGetObjectVersion_AccessDenied()
    {
        // Arrange
        await using var aws = await AwsTestDouble.StartAsync();
        aws.State.EnableVersioning("builds");
        var version = aws.State.PutObject("builds", "app.zip", "one"u8);
        using var s3 = Clients.S3(aws, await Clients.AssumeAsync(aws, CurrentOnlyPolicy));

        // Act
        var ex = await Assert.ThrowsAnyAsync<AmazonS3Exception>(() => s3.GetObjectAsync(new GetObjectRequest { BucketName = "builds", Key = "app.zip", VersionId = version }));

        // Assert
        Assert.Equal("AccessDenied", ex.ErrorCode);
        Assert.Equal("s3:GetObjectVersion", Assert.Single(aws.Requests, r => r.Service == "s3").Action);
    }
}
