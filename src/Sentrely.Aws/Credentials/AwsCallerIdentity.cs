namespace Sentrely.Aws.Credentials;

/// <summary>Gets the identity behind a set of credentials, from STS GetCallerIdentity.</summary>
/// <param name="Account">The 12-digit account id.</param>
/// <param name="Arn">The caller's ARN, for example <c>arn:aws:sts::111122223333:assumed-role/broker/i-0abc</c>.</param>
/// <param name="UserId">The unique id of the caller.</param>
/// <param name="RequestId">The AWS request id.</param>
public sealed record AwsCallerIdentity(string Account, string Arn, string UserId, string? RequestId);
