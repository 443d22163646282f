using System.Globalization;
using Microsoft.AspNetCore.WebUtilities;
using Sentrely.Sandbox.Http;
using Sentrely.Sandbox.Policy;
using Sentrely.Sandbox.Signing;

namespace Sentrely.Sandbox.Services;

/// <summary>S3, path-style only: PutObject, GetObject, HeadObject, ListObjectsV2 (and HeadBucket).</summary>
internal sealed class S3Service : IAwsService
{
    public SandboxResponse Handle(SandboxCall call)
    {
        var path = call.RawPath.TrimStart('/');
        var slash = path.IndexOf('/', StringComparison.Ordinal);
        var bucket = AwsUriEncoder.Decode(slash < 0 ? path : path[..slash]);
        var key = slash < 0 ? string.Empty : AwsUriEncoder.Decode(path[(slash + 1)..]);
        var query = QueryHelpers.ParseQuery(call.RawQuery);
        if (bucket.Length == 0)
        {
            return NotImplemented(call, "ListBuckets");
        }

        if (bucket.Length is < 3 or > 63 || !bucket.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '-' or '.'))
        {
            return ErrorResponses.S3(call.RequestId, 400, "InvalidBucketName", "The specified bucket is not valid.");
        }

        if (key.Length == 0)
        {
            return (call.Method, query.ContainsKey("list-type")) switch
            {
                ("GET", true) when query["list-type"] == "2" => S3ListObjects.ListV2(call, bucket, query),
                ("HEAD", false) => HeadBucket(call, bucket),
                _ => NotImplemented(call, "this bucket operation"),
            };
        }

        if (query.Count > 0 || call.Header("x-amz-copy-source") is not null)
        {
            return NotImplemented(call, "sub-resources and copies");
        }

        return call.Method switch
        {
            "PUT" => PutObject(call, bucket, key),
            "GET" or "HEAD" => GetObject(call, bucket, key),
            _ => ErrorResponses.S3(call.RequestId, 405, "MethodNotAllowed", "The specified method is not allowed against this resource."),
        };
    }

    internal static SandboxResponse AccessDenied(SandboxCall call) =>
        ErrorResponses.S3(call.RequestId, 403, "AccessDenied", "Access Denied");

    internal static SandboxResponse NoSuchBucket(SandboxCall call) =>
        ErrorResponses.S3(call.RequestId, 404, "NoSuchBucket", "The specified bucket does not exist");

    private static SandboxResponse PutObject(SandboxCall call, string bucket, string key)
    {
        if (!call.Authorize("s3:PutObject", [new AccessCheck("s3:PutObject", $"arn:aws:s3:::{bucket}/{key}")]))
        {
            return AccessDenied(call);
        }

        var etag = call.Environment.State.TryPutObject(bucket, key, call.Body, call.Header("content-type"));
        return etag is null
            ? NoSuchBucket(call)
            : new SandboxResponse(200, null, [], null) { Headers = { new("ETag", etag) } };
    }

    private static SandboxResponse GetObject(SandboxCall call, string bucket, string key)
    {
        if (!call.Authorize("s3:GetObject", [new AccessCheck("s3:GetObject", $"arn:aws:s3:::{bucket}/{key}")]))
        {
            return AccessDenied(call);
        }

        var stored = call.Environment.State.FindObject(bucket, key, out var bucketExists);
        if (stored is null)
        {
            return bucketExists
                ? ErrorResponses.S3(call.RequestId, 404, "NoSuchKey", "The specified key does not exist.")
                : NoSuchBucket(call);
        }

        return new SandboxResponse(200, stored.ContentType ?? "binary/octet-stream", stored.Data, null)
        {
            Headers =
            {
                new("ETag", stored.ETag),
                new("Last-Modified", stored.LastModified.UtcDateTime.ToString("r", CultureInfo.InvariantCulture)),
                new("Accept-Ranges", "bytes"),
            },
            HeadContentLength = stored.Data.LongLength,
        };
    }

    private static SandboxResponse HeadBucket(SandboxCall call, string bucket)
    {
        if (!call.Authorize("s3:ListBucket", [new AccessCheck("s3:ListBucket", $"arn:aws:s3:::{bucket}")]))
        {
            return AccessDenied(call);
        }

        return call.Environment.State.SnapshotBucket(bucket) is null ? NoSuchBucket(call) : new SandboxResponse(200, null, [], null);
    }

    private static SandboxResponse NotImplemented(SandboxCall call, string what) =>
        ErrorResponses.S3(call.RequestId, 501, "NotImplemented", $"The test double does not implement {what}.");
}
