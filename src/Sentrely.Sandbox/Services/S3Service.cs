using System.Globalization;
using Microsoft.AspNetCore.WebUtilities;
using Sentrely.Sandbox.Http;
using Sentrely.Sandbox.Policy;
using Sentrely.Sandbox.Signing;
using Sentrely.Sandbox.State;

namespace Sentrely.Sandbox.Services;

/// <summary>S3, path-style only: PutObject, GetObject, HeadObject (with <c>versionId</c> in versioned buckets), ListObjectsV2 (and HeadBucket).</summary>
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

        // The one object sub-resource served: a GET/HEAD of one version (`?versionId=`).
        var versionId = call.Method is "GET" or "HEAD" && query.Count == 1 && query.TryGetValue("versionId", out var v) ? v.ToString() : null;
        if ((query.Count > 0 && versionId is null) || call.Header("x-amz-copy-source") is not null)
        {
            return NotImplemented(call, "sub-resources and copies");
        }

        return call.Method switch
        {
            "PUT" => PutObject(call, bucket, key),
            "GET" or "HEAD" => GetObject(call, bucket, key, versionId),
            _ => ErrorResponses.S3(call.RequestId, 405, "MethodNotAllowed", "The specified method is not allowed against this resource."),
        };
    }

    internal static SandboxResponse AccessDenied(SandboxCall call) =>
        ErrorResponses.S3(call.RequestId, 403, "AccessDenied", "Access Denied");

    internal static SandboxResponse NoSuchBucket(SandboxCall call) =>
        ErrorResponses.S3(call.RequestId, 404, "NoSuchBucket", "The specified bucket does not exist");

    /// <summary>
    /// Returns the check of reading one object (a version of it when <paramref name="versionId"/> is given), with the
    /// context S3 supplies: <c>s3:ResourceAccount</c> (every bucket of the double belongs to its account) and, for a
    /// version, <c>s3:versionid</c>.
    /// </summary>
    internal static AccessCheck ObjectRead(SandboxCall call, string bucket, string key, string? versionId)
    {
        var context = new Dictionary<string, string>(StringComparer.Ordinal) { ["s3:ResourceAccount"] = call.Environment.State.AccountId };
        if (versionId is not null)
        {
            context["s3:versionid"] = versionId;
        }

        return new AccessCheck(versionId is null ? "s3:GetObject" : "s3:GetObjectVersion", $"arn:aws:s3:::{bucket}/{key}", context);
    }

    private static SandboxResponse PutObject(SandboxCall call, string bucket, string key)
    {
        if (!call.Authorize("s3:PutObject", [new AccessCheck("s3:PutObject", $"arn:aws:s3:::{bucket}/{key}")]))
        {
            return AccessDenied(call);
        }

        var stored = call.Environment.State.TryPutObject(bucket, key, call.Body, call.Header("content-type"));
        if (stored is null)
        {
            return NoSuchBucket(call);
        }

        var response = new SandboxResponse(200, null, [], null) { Headers = { new("ETag", stored.ETag) } };
        AddVersionHeader(response, stored);
        return response;
    }

    private static SandboxResponse GetObject(SandboxCall call, string bucket, string key, string? versionId)
    {
        var check = ObjectRead(call, bucket, key, versionId);
        if (!call.Authorize(check.Action, [check]))
        {
            return AccessDenied(call);
        }

        // x-amz-expected-bucket-owner: S3 refuses when the bucket belongs to another account (here: any other id).
        if (call.Header("x-amz-expected-bucket-owner") is { } owner && owner != call.Environment.State.AccountId)
        {
            return AccessDenied(call);
        }

        var stored = call.Environment.State.FindObject(bucket, key, out var bucketExists, versionId);
        if (stored is null)
        {
            return !bucketExists ? NoSuchBucket(call)
                : versionId is null ? ErrorResponses.S3(call.RequestId, 404, "NoSuchKey", "The specified key does not exist.")
                : ErrorResponses.S3(call.RequestId, 404, "NoSuchVersion", "The specified version does not exist.");
        }

        var response = new SandboxResponse(200, stored.ContentType ?? "binary/octet-stream", stored.Data, null)
        {
            Headers =
            {
                new("ETag", stored.ETag),
                new("Last-Modified", stored.LastModified.UtcDateTime.ToString("r", CultureInfo.InvariantCulture)),
                new("Accept-Ranges", "bytes"),
            },
            HeadContentLength = stored.Data.LongLength,
        };
        AddVersionHeader(response, stored);
        return response;
    }

    // S3 names the version only for objects of a versioned bucket.
    private static void AddVersionHeader(SandboxResponse response, StoredObject stored)
    {
        if (stored.VersionId is { } id)
        {
            response.Headers.Add(new("x-amz-version-id", id));
        }
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
