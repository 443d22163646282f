namespace Sentrely.Sandbox.State;

/// <summary>An S3 object held in memory. The byte array is never handed out without copying.</summary>
/// <param name="Data">The content.</param>
/// <param name="ETag">The quoted MD5 ETag.</param>
/// <param name="LastModified">When it was written.</param>
/// <param name="ContentType">The content type, if any.</param>
/// <param name="VersionId">The version id in a versioned bucket; null in an unversioned one.</param>
internal sealed record StoredObject(byte[] Data, string ETag, DateTimeOffset LastModified, string? ContentType, string? VersionId = null);
