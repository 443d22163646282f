namespace Sentrely.Sandbox.State;

/// <summary>An S3 object held in memory. The byte array is never handed out without copying.</summary>
internal sealed record StoredObject(byte[] Data, string ETag, DateTimeOffset LastModified, string? ContentType);
