using System.Security.Cryptography;
using Sentrely.Sandbox.State;

namespace Sentrely.Sandbox;

/// <summary>
/// The in-memory contents of the simulated account: S3 buckets and objects, Lambda functions and EC2 resources.
/// Tests seed what they need and inspect what the server changed. Thread-safe.
/// </summary>
public sealed partial class SandboxState
{
    private readonly Dictionary<string, SortedDictionary<string, StoredObject>> _buckets = new(StringComparer.Ordinal);

    internal SandboxState(string region, string accountId, TimeProvider time)
    {
        Region = region;
        AccountId = accountId;
        Time = time;
    }

    internal object Gate { get; } = new();

    internal string Region { get; }

    internal string AccountId { get; }

    internal TimeProvider Time { get; }

    /// <summary>Gets the bucket names, sorted.</summary>
    public IReadOnlyList<string> Buckets
    {
        get
        {
            lock (Gate)
            {
                return [.. _buckets.Keys.Order(StringComparer.Ordinal)];
            }
        }
    }

    /// <summary>Creates a bucket if it does not exist.</summary>
    /// <param name="bucket">The bucket name.</param>
    public void AddBucket(string bucket)
    {
        ArgumentException.ThrowIfNullOrEmpty(bucket);
        lock (Gate)
        {
            _buckets.TryAdd(bucket, new SortedDictionary<string, StoredObject>(StringComparer.Ordinal));
        }
    }

    /// <summary>Stores an object, creating the bucket if needed.</summary>
    /// <param name="bucket">The bucket name.</param>
    /// <param name="key">The object key.</param>
    /// <param name="data">The content (copied).</param>
    /// <param name="contentType">The content type, if any.</param>
    public void PutObject(string bucket, string key, ReadOnlySpan<byte> data, string? contentType = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        AddBucket(bucket);
        TryPutObject(bucket, key, data.ToArray(), contentType);
    }

    /// <summary>Gets a copy of an object's content, or <see langword="null"/> when it does not exist.</summary>
    /// <param name="bucket">The bucket name.</param>
    /// <param name="key">The object key.</param>
    /// <returns>The content, or <see langword="null"/>.</returns>
    public byte[]? GetObject(string bucket, string key)
    {
        lock (Gate)
        {
            return _buckets.TryGetValue(bucket, out var objects) && objects.TryGetValue(key, out var obj)
                ? (byte[])obj.Data.Clone()
                : null;
        }
    }

    /// <summary>Gets the keys of a bucket in S3 (ordinal) order; empty when the bucket does not exist.</summary>
    /// <param name="bucket">The bucket name.</param>
    /// <returns>The keys.</returns>
    public IReadOnlyList<string> ListObjectKeys(string bucket)
    {
        lock (Gate)
        {
            return _buckets.TryGetValue(bucket, out var objects) ? [.. objects.Keys] : [];
        }
    }

    /// <summary>Stores an object the caller no longer touches; returns its ETag, or null when the bucket is missing.</summary>
    internal string? TryPutObject(string bucket, string key, byte[] data, string? contentType)
    {
        var etag = "\"" + Convert.ToHexStringLower(Md5(data)) + "\"";
        lock (Gate)
        {
            if (!_buckets.TryGetValue(bucket, out var objects))
            {
                return null;
            }

            objects[key] = new StoredObject(data, etag, Time.GetUtcNow(), contentType);
            return etag;
        }
    }

    /// <summary>Gets the bucket's objects (a snapshot), or null when the bucket is missing.</summary>
    internal IReadOnlyList<KeyValuePair<string, StoredObject>>? SnapshotBucket(string bucket)
    {
        lock (Gate)
        {
            return _buckets.TryGetValue(bucket, out var objects) ? [.. objects] : null;
        }
    }

    /// <summary>Looks up an object; <paramref name="bucketExists"/> tells NoSuchBucket from NoSuchKey.</summary>
    internal StoredObject? FindObject(string bucket, string key, out bool bucketExists)
    {
        lock (Gate)
        {
            bucketExists = _buckets.TryGetValue(bucket, out var objects);
            return objects is not null && objects.TryGetValue(key, out var obj) ? obj : null;
        }
    }

    // S3 ETags are MD5 digests of the content; this is wire compatibility, not security.
#pragma warning disable CA5351
    private static byte[] Md5(byte[] data) => MD5.HashData(data);
#pragma warning restore CA5351
}
