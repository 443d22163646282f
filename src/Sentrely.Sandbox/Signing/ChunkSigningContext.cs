namespace Sentrely.Sandbox.Signing;

/// <summary>What chunk and trailer signatures are chained from: the request's key, time, scope and seed signature.</summary>
internal sealed record ChunkSigningContext(byte[] SigningKey, string AmzDate, string Scope, string SeedSignature);
