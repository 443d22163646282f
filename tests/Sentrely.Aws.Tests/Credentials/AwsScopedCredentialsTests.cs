using Amazon.Runtime;
using Sentrely.Aws.Tests.TestDoubles;

namespace Sentrely.Aws.Tests.Credentials;

public class AwsScopedCredentialsTests
{
    [Fact]
    public void ToString_Always_NamesSessionWithoutKeyMaterial()
    {
        // Arrange
        var scoped = TestCredentials.Scoped();

        // Act
        var text = scoped.ToString();

        // Assert
        Assert.Contains("sess_abc-call_1", text, StringComparison.Ordinal);
        Assert.DoesNotContain(TestCredentials.AccessKey, text, StringComparison.Ordinal);
        Assert.DoesNotContain(TestCredentials.SecretKey, text, StringComparison.Ordinal);
        Assert.DoesNotContain(TestCredentials.SessionToken, text, StringComparison.Ordinal);
    }

    [Fact]
    public void ToAwsCredentials_Always_CarriesSessionToken()
    {
        // Act
        var credentials = TestCredentials.Scoped().ToAwsCredentials().GetCredentials();

        // Assert
        Assert.Equal(
            new ImmutableCredentials(TestCredentials.AccessKey, TestCredentials.SecretKey, TestCredentials.SessionToken),
            credentials);
        Assert.True(credentials.UseToken);
    }
}
