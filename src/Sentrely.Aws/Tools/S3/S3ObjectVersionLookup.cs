using Amazon.S3;
using Amazon.S3.Model;
using Sentrely.Approval;
using Sentrely.Aws.Credentials;
using Sentrely.Credentials;

namespace Sentrely.Aws.Tools.S3;

/// <summary>Reads an object's current version with S3 HeadObject, signed with the lookup's own scoped credentials.</summary>
/// <param name="factory">Creates the S3 client.</param>
public sealed class S3ObjectVersionLookup(AwsClientFactory factory) : IObjectVersionLookup
{
    /// <inheritdoc />
    public async ValueTask<ObjectVersionResult> GetCurrentVersionAsync(
        ScopedCredentials credentials, string bucket, string key, string expectedOwner, CancellationToken cancellationToken)
    {
        var scoped = credentials as AwsScopedCredentials ?? throw new InvalidOperationException("a lookup ran without vended AWS credentials");
        using var s3 = factory.CreateS3(scoped);
        try
        {
            var head = await s3.GetObjectMetadataAsync(
                new GetObjectMetadataRequest { BucketName = bucket, Key = key, ExpectedBucketOwner = expectedOwner }, cancellationToken).ConfigureAwait(false);

            // S3 answers no id for an unversioned bucket, and `null` for objects written while versioning was off.
            var version = head.VersionId is { Length: > 0 } id && id != "null" ? id : null;
            return new ObjectVersionResult(version, null, head.ResponseMetadata?.RequestId);
        }
        catch (AmazonS3Exception ex)
        {
            return new ObjectVersionResult(null, string.IsNullOrEmpty(ex.ErrorCode) ? $"HTTP {(int)ex.StatusCode}" : ex.ErrorCode, ex.RequestId);
        }
    }
}
