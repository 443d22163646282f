using Sentrely.Sandbox.Policy;

namespace Sentrely.Sandbox.Identity;

/// <summary>A temporary credential the double issued through AssumeRole.</summary>
internal sealed record IssuedCredential(
    string AccessKeyId,
    string SecretAccessKey,
    string SessionToken,
    string AssumedRoleArn,
    string AssumedRoleId,
    DateTimeOffset IssuedAt,
    SessionPolicy? Policy,
    AssumeRoleRecord Record);
