using Amazon.Runtime;
using Amazon.Runtime.CredentialManagement;
using Amazon.Runtime.Credentials;
using Sentrely.Configuration;

namespace Sentrely.Aws.Credentials;

/// <summary>Finds the broker's base credentials: the configured profile, else the AWS SDK default chain.</summary>
public static class BaseCredentialsResolver
{
    /// <summary>Returns the base credentials for <paramref name="config"/>.</summary>
    /// <param name="config">The <c>aws</c> section; <see cref="AwsConfig.Profile"/> selects a shared-config profile.</param>
    /// <exception cref="BaseCredentialsException">No credentials were found; the message says how to provide them.</exception>
    public static AWSCredentials Resolve(AwsConfig config) => Resolve(config, static () => new CredentialProfileStoreChain());

    internal static AWSCredentials Resolve(AwsConfig config, Func<CredentialProfileStoreChain> profiles)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (config.Profile is { } profile)
        {
            return FromProfile(profile, profiles);
        }

        try
        {
            return DefaultAWSCredentialsIdentityResolver.GetCredentials(null);
        }
        catch (AmazonClientException ex)
        {
            throw new BaseCredentialsException(
                "No AWS credentials were found for Sentrely's broker identity. Set aws.profile in sentrely.yaml to a profile " +
                "in ~/.aws/config or ~/.aws/credentials, or provide credentials through the AWS SDK default chain " +
                "(AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, AWS_PROFILE, SSO, or an instance/container role).",
                ex);
        }
    }

    private static AWSCredentials FromProfile(string profile, Func<CredentialProfileStoreChain> profiles)
    {
        var shown = new string(profile.Where(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '@' or '+').Take(64).ToArray());
        try
        {
            if (profiles().TryGetAWSCredentials(profile, out var credentials))
            {
                return credentials;
            }
        }
        catch (AmazonClientException ex)
        {
            // The SDK's message can quote profile contents, so it stays on the inner exception only.
            throw new BaseCredentialsException(
                $"The AWS profile '{shown}' (aws.profile) could not be loaded. Check its entries in ~/.aws/config and " +
                $"~/.aws/credentials (for SSO profiles run `aws sso login --profile {shown}`).",
                ex);
        }

        throw new BaseCredentialsException(
            $"The AWS profile '{shown}' (aws.profile) was not found in ~/.aws/config or ~/.aws/credentials, or it has no " +
            $"usable credentials. Create it with `aws configure --profile {shown}`, or remove aws.profile to use the AWS SDK default chain.");
    }
}
