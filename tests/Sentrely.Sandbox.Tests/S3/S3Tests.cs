using System.Net;
using System.Text;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Microsoft.Extensions.Time.Testing;

namespace Sentrely.Sandbox.Tests.S3;

public sealed class S3Tests
{
    private const string KeyPolicy = """
        {"Version":"2012-10-17","Statement":[
         {"Effect":"Allow","Action":["s3:GetObject","s3:PutObject"],"Resource":"arn:aws:s3:::builds/app/v1.zip"}]}
        """;

    [Fact]
    public async Task PutObject_BaseCredentials_AccessDenied()
    {
        // Arrange
        await using var aws = await AwsTestDouble.StartAsync();
        aws.State.AddBucket("builds");
        using var s3 = Clients.S3(aws, Clients.Base(aws));

        // Act
        var ex = await Assert.ThrowsAnyAsync<AmazonS3Exception>(() => s3.PutObjectAsync(
            new PutObjectRequest { BucketName = "builds", Key = "a.txt", ContentBody = "x" }));

        // Assert
        Assert.Equal("AccessDenied", ex.ErrorCode);
        var record = Assert.Single(aws.Requests);
        Assert.True(record.SignatureValid);
        Assert.False(record.Authorized);
        Assert.Equal("s3:PutObject", record.Action);
        Assert.Null(aws.State.GetObject("builds", "a.txt"));
    }

    [Fact]
    public async Task GetObject_SessionPolicyForExactKey_AllowsKeyDeniesNeighbourAndOtherBucket()
    {
        // Arrange
        await using var aws = await AwsTestDouble.StartAsync();
        aws.State.PutObject("builds", "app/v1.zip", "one"u8);
        aws.State.PutObject("builds", "app/v2.zip", "two"u8);
        aws.State.PutObject("secrets", "app/v1.zip", "no"u8);
        var session = await Clients.AssumeAsync(aws, KeyPolicy);
        using var s3 = Clients.S3(aws, session);

        // Act
        using var allowed = await s3.GetObjectAsync("builds", "app/v1.zip");
        using var reader = new StreamReader(allowed.ResponseStream);
        var content = await reader.ReadToEndAsync();
        var neighbour = await Assert.ThrowsAnyAsync<AmazonS3Exception>(() => s3.GetObjectAsync("builds", "app/v2.zip"));
        var otherBucket = await Assert.ThrowsAnyAsync<AmazonS3Exception>(() => s3.GetObjectAsync("secrets", "app/v1.zip"));

        // Assert
        Assert.Equal("one", content);
        Assert.Equal("AccessDenied", neighbour.ErrorCode);
        Assert.Equal("AccessDenied", otherBucket.ErrorCode);
        var records = aws.Requests.Where(r => r.Service == "s3").ToList();
        Assert.Equal(["arn:aws:s3:::builds/app/v1.zip"], records[0].Resources);
        Assert.True(records[0].Authorized);
        Assert.Equal(session.AccessKeyId, records[0].SignedBy?.IssuedAccessKeyId);
        Assert.Equal(["arn:aws:s3:::builds/app/v2.zip"], records[1].Resources);
        Assert.False(records[1].Authorized);
        Assert.False(records[2].Authorized);
    }

    [Fact]
    public async Task PutObject_DefaultSdkSettingsOverHttp_StoresAwsChunkedBodyByteExact()
    {
        // Arrange
        await using var aws = await AwsTestDouble.StartAsync();
        aws.State.AddBucket("builds");
        var session = await Clients.AssumeAsync(aws, KeyPolicy);
        using var s3 = Clients.S3(aws, session);
        var data = new byte[200_000];
        new Random(42).NextBytes(data);

        // Act
        var put = await s3.PutObjectAsync(new PutObjectRequest
        {
            BucketName = "builds", Key = "app/v1.zip", InputStream = new MemoryStream(data),
        });
        using var get = await s3.GetObjectAsync("builds", "app/v1.zip");
        using var copy = new MemoryStream();
        await get.ResponseStream.CopyToAsync(copy);

        // Assert
        Assert.Equal(HttpStatusCode.OK, put.HttpStatusCode);
        Assert.Equal(data, aws.State.GetObject("builds", "app/v1.zip"));
        Assert.Equal(data, copy.ToArray());
        Assert.Equal(put.ETag, get.ETag);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task PutObject_ChunkEncodingOnOrOff_RoundTripsByteExact(bool useChunkEncoding)
    {
        // Arrange
        await using var aws = await AwsTestDouble.StartAsync();
        aws.State.AddBucket("builds");
        var session = await Clients.AssumeAsync(aws, KeyPolicy);
        using var s3 = Clients.S3(aws, session);
        var body = "line 1\r\n0;chunk-signature=not-framing\r\n" + new string('z', 70_000);

        // Act
        await s3.PutObjectAsync(new PutObjectRequest
        {
            BucketName = "builds", Key = "app/v1.zip", ContentBody = body, UseChunkEncoding = useChunkEncoding,
        });

        // Assert
        Assert.Equal(Encoding.UTF8.GetBytes(body), aws.State.GetObject("builds", "app/v1.zip"));
    }

    [Fact]
    public async Task ListObjectsV2_PrefixCondition_AllowsPrefixDeniesOthersAndMissingPrefix()
    {
        // Arrange
        await using var aws = await AwsTestDouble.StartAsync();
        foreach (var key in (string[])["builds/a.zip", "builds/b.zip", "builds/sub/c.zip", "builds2/x.zip", "other.txt"])
        {
            aws.State.PutObject("art", key, "x"u8);
        }

        var session = await Clients.AssumeAsync(aws, """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:ListBucket","Resource":"arn:aws:s3:::art",
             "Condition":{"StringLike":{"s3:prefix":"builds/*"}}}]}
            """);
        using var s3 = Clients.S3(aws, session);

        // Act
        var page1 = await s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = "art", Prefix = "builds/", MaxKeys = 2, Delimiter = "/" });
        var page2 = await s3.ListObjectsV2Async(new ListObjectsV2Request
        {
            BucketName = "art", Prefix = "builds/", MaxKeys = 2, Delimiter = "/", ContinuationToken = page1.NextContinuationToken,
        });
        var noPrefix = await Assert.ThrowsAnyAsync<AmazonS3Exception>(() => s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = "art" }));
        var sibling = await Assert.ThrowsAnyAsync<AmazonS3Exception>(() => s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = "art", Prefix = "builds2/" }));

        // Assert
        Assert.True(page1.IsTruncated);
        Assert.Equal(["builds/a.zip", "builds/b.zip"], page1.S3Objects.Select(o => o.Key));
        Assert.False(page2.IsTruncated);
        Assert.Equal(["builds/sub/"], page2.CommonPrefixes);
        Assert.Equal("AccessDenied", noPrefix.ErrorCode);
        Assert.Equal("AccessDenied", sibling.ErrorCode);
        var lists = aws.Requests.Where(r => r.Action == "s3:ListBucket").ToList();
        Assert.Equal("builds/", lists[0].ContextKeys["s3:prefix"]);
        Assert.Equal(["arn:aws:s3:::art"], lists[0].Resources);
        Assert.False(lists[2].ContextKeys.ContainsKey("s3:prefix"));
    }

    [Fact]
    public async Task GetObject_MissingKeyAndBucket_NoSuchKeyAndNoSuchBucket()
    {
        // Arrange
        await using var aws = await AwsTestDouble.StartAsync();
        aws.State.AddBucket("builds");
        var session = await Clients.AssumeAsync(aws);
        using var s3 = Clients.S3(aws, session);

        // Act
        var noKey = await Assert.ThrowsAnyAsync<AmazonS3Exception>(() => s3.GetObjectAsync("builds", "nope"));
        var noBucket = await Assert.ThrowsAnyAsync<AmazonS3Exception>(() => s3.GetObjectAsync("missing", "nope"));

        // Assert
        Assert.Equal("NoSuchKey", noKey.ErrorCode);
        Assert.Equal("NoSuchBucket", noBucket.ErrorCode);
    }

    [Fact]
    public async Task GetObject_ExpiredSessionCredentials_ExpiredToken()
    {
        // Arrange
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var aws = await AwsTestDouble.StartAsync(new AwsTestDoubleOptions { Time = time });
        aws.State.PutObject("builds", "k", "x"u8);
        var session = await Clients.AssumeAsync(aws, durationSeconds: 900);
        using var s3 = Clients.S3(aws, session);
        time.Advance(TimeSpan.FromSeconds(901));

        // Act
        var ex = await Assert.ThrowsAnyAsync<AmazonS3Exception>(() => s3.GetObjectAsync("builds", "k"));

        // Assert
        Assert.Equal("ExpiredToken", ex.ErrorCode);
        Assert.False(aws.Requests[^1].Authorized);
    }

    [Fact]
    public async Task GetObject_SessionTokenMissing_Refused()
    {
        // Arrange
        await using var aws = await AwsTestDouble.StartAsync();
        aws.State.PutObject("builds", "k", "x"u8);
        var session = await Clients.AssumeAsync(aws);
        using var s3 = Clients.S3(aws, new BasicAWSCredentials(session.AccessKeyId, session.SecretAccessKey));

        // Act
        var ex = await Assert.ThrowsAnyAsync<AmazonS3Exception>(() => s3.GetObjectAsync("builds", "k"));

        // Assert
        Assert.Equal("InvalidToken", ex.ErrorCode);
    }
}
