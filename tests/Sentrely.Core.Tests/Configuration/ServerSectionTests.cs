using Sentrely.Configuration;

namespace Sentrely.Core.Tests.Configuration;

public sealed class ServerSectionTests
{
    [Fact]
    public void Parse_NoServerSection_LoopbackHostsAndTokens()
    {
        // Act
        var config = ConfigAssert.Valid("aws:\n  region: us-east-1\n");

        // Assert
        Assert.Equal(["localhost", "127.0.0.1", "::1"], config.Server.AllowedHosts);
        Assert.True(config.Server.Auth.Tokens);
    }

    [Fact]
    public void Parse_AllowedHosts_Canonical()
    {
        // Act
        var config = ConfigAssert.Valid("server:\n  allowedHosts: [Sentrely.Example.com, '*.corp.example', '[::1]', 10.0.0.5]\n  auth: { tokens: true }\n");

        // Assert
        Assert.Equal(["sentrely.example.com", "*.corp.example", "::1", "10.0.0.5"], config.Server.AllowedHosts);
    }

    [Theory]
    [InlineData("http://sentrely.example.com")]
    [InlineData("sentrely.example.com:8787")]
    [InlineData("sentrely.example.com/mcp")]
    [InlineData("*")]
    [InlineData("bad_host")]
    public void Parse_BadHost_InvalidValueAtItem(string host)
    {
        // Act
        var error = ConfigAssert.Single($"server:\n  allowedHosts: ['{host}']\n");

        // Assert
        Assert.Equal((ConfigErrorCodes.InvalidValue, "server.allowedHosts[0]"), (error.Code, error.Field));
    }

    [Fact]
    public void Parse_EmptyAllowedHosts_Error()
    {
        // Act
        var error = ConfigAssert.Single("server:\n  allowedHosts: []\n");

        // Assert
        Assert.Equal(ConfigErrorCodes.MissingKey, error.Code);
    }

    [Fact]
    public void Parse_TokensOffWithoutJwt_RefusedNoAnonymousMode()
    {
        // Act
        var error = ConfigAssert.Single("server:\n  auth:\n    tokens: false\n");

        // Assert
        Assert.Equal("server.auth.tokens", error.Field);
        Assert.Contains("no anonymous mode", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("server:\n  port: 8787\n", "server.port")]
    [InlineData("server:\n  auth:\n    oauth: true\n", "server.auth.oauth")]
    public void Parse_UnknownKey_Error(string yaml, string field)
    {
        // Act
        var error = ConfigAssert.Single(yaml);

        // Assert
        Assert.Equal((ConfigErrorCodes.UnknownKey, field), (error.Code, error.Field));
    }

    [Theory]
    [InlineData("localhost", true)]
    [InlineData("LOCALHOST", true)]
    [InlineData("[::1]", true)]
    [InlineData("127.0.0.1", true)]
    [InlineData("api.corp.example", true)]
    [InlineData("corp.example", false)]
    [InlineData("evil-corp.example", false)]
    [InlineData("evil.example", false)]
    [InlineData("127.0.0.2", false)]
    [InlineData("localhost.evil.example", false)]
    [InlineData("", false)]
    public void AllowsHost_ExactOrWildcardSubdomain(string host, bool allowed)
    {
        // Arrange
        var config = ConfigAssert.Valid("server:\n  allowedHosts: [localhost, 127.0.0.1, '::1', '*.corp.example']\n");

        // Act
        var result = config.Server.AllowsHost(host);

        // Assert
        Assert.Equal(allowed, result);
    }
}
