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

    // Versioned buckets keep every version of every key ("bucket/key" → versions, oldest first).
    private readonly HashSet<string> _versionedBuckets = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<StoredObject>> _versions = new(StringComparer.Ordinal);

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

    /// <summary>Turns on versioning for a bucket, creating it if needed: every later put keeps the earlier versions.</summary>
    /// <param name="bucket">The bucket name.</param>
    public void EnableVersioning(string bucket)
    {
        AddBucket(bucket);
        lock (Gate)
        {
            _versionedBuckets.Add(bucket);
        }
    }

    /// <summary>Gets whether a bucket is versioned.</summary>
    /// <param name="bucket">The bucket name.</param>
    /// <returns>True when <see cref="EnableVersioning"/> was called for it.</returns>
    public bool IsVersioned(string bucket)
    {
        lock (Gate)
        {
            return _versionedBuckets.Contains(bucket);
        }
    }

    /// <summary>Stores an object, creating the bucket if needed.</summary>
    /// <param name="bucket">The bucket name.</param>
    /// <param name="key">The object key.</param>
    /// <param name="data">The content (copied).</param>
    /// <param name="contentType">The content type, if any.</param>
    /// <returns>The new version's id in a versioned bucket, else null.</returns>
    public string? PutObject(string bucket, string key, ReadOnlySpan<byte> data, string? contentType = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        AddBucket(bucket);
        return TryPutObject(bucket, key, data.ToArray(), contentType)?.VersionId;
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

    /// <summary>Stores an object the caller no longer touches; returns it (ETag, version id), or null when the bucket is missing.</summary>
    internal StoredObject? TryPutObject(string bucket, string key, byte[] data, string? contentType)
    {
        var etag = "\"" + Convert.ToHexStringLower(Md5(data)) + "\"";
        lock (Gate)
        {
            if (!_buckets.TryGetValue(bucket, out var objects))
            {
                return null;
            }

            // S3 version ids are opaque strings; a random one per put, as S3 issues.
            var versionId = _versionedBuckets.Contains(bucket) ? Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)) : null;
            var stored = new StoredObject(data, etag, Time.GetUtcNow(), contentType, versionId);
            objects[key] = stored;
            if (versionId is not null)
            {
                var path = bucket + "/" + key;
                (_versions.TryGetValue(path, out var list) ? list : _versions[path] = []).Add(stored);
            }

            return stored;
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

    /// <summary>Looks up an object (its current version, or the version <paramref name="versionId"/>); <paramref name="bucketExists"/> tells NoSuchBucket from NoSuchKey.</summary>
    internal StoredObject? FindObject(string bucket, string key, out bool bucketExists, string? versionId = null)
    {
        lock (Gate)
        {
            bucketExists = _buckets.TryGetValue(bucket, out var objects);
            if (versionId is not null)
            {
                return _versions.TryGetValue(bucket + "/" + key, out var versions) ? versions.Find(v => v.VersionId == versionId) : null;
            }

            return objects is not null && objects.TryGetValue(key, out var obj) ? obj : null;
        }
    }

    // S3 ETags are MD5 digests of the content; this is wire compatibility, not security.
#pragma warning disable CA5351
    private static byte[] Md5(byte[] data) => MD5.HashData(data);
#pragma warning restore CA5351
}
