using Amazon.Runtime.CredentialManagement;
using Sentrely.Aws.Credentials;
using Sentrely.Configuration;

namespace Sentrely.Aws.Tests.Credentials;

public sealed class BaseCredentialsResolverTests : IDisposable
{
    private const string Secret = "brokerSecretValue/ShouldNeverAppear";
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"sentrely-creds-{Guid.NewGuid():N}");

    public BaseCredentialsResolverTests() =>
        File.WriteAllText(_file, $"[sentrely-broker]\naws_access_key_id = AKIABROKERPROFILE001\naws_secret_access_key = {Secret}\n");

    public void Dispose() => File.Delete(_file);

    [Fact]
    public void Resolve_ConfiguredProfile_ReturnsItsCredentials()
    {
        // Arrange
        var config = new AwsConfig { Profile = "sentrely-broker" };

        // Act
        var credentials = BaseCredentialsResolver.Resolve(config, () => new CredentialProfileStoreChain(_file));

        // Assert
        Assert.Equal("AKIABROKERPROFILE001", credentials.GetCredentials().AccessKey);
    }

    [Fact]
    public void Resolve_MissingProfile_ThrowsWithFixAndNoSecrets()
    {
        // Arrange
        var config = new AwsConfig { Profile = "nope" };

        // Act
        var ex = Assert.Throws<BaseCredentialsException>(() => BaseCredentialsResolver.Resolve(config, () => new CredentialProfileStoreChain(_file)));

        // Assert
        Assert.Contains("aws.profile", ex.Message, StringComparison.Ordinal);
        Assert.Contains("aws configure --profile nope", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_ProfileNameWithShellCharacters_IsSanitisedInMessage()
    {
        // Arrange
        var config = new AwsConfig { Profile = "x; rm -rf ~`id`" };

        // Act
        var ex = Assert.Throws<BaseCredentialsException>(() => BaseCredentialsResolver.Resolve(config, () => new CredentialProfileStoreChain(_file)));

        // Assert
        Assert.DoesNotContain(";", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("rm -rf", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("`id`", ex.Message, StringComparison.Ordinal);
        Assert.Contains("'xrm-rfid'", ex.Message, StringComparison.Ordinal);
    }
}
