using Sentrely.Configuration;

namespace Sentrely.Core.Tests.Configuration;

public sealed class ServerJwtSectionTests
{
    private const string Prefix = "server:\n  auth:\n    jwt:\n";

    [Fact]
    public void Parse_JwtWithJwksUri_DefaultClaims()
    {
        // Act
        var config = ConfigAssert.Valid(Prefix + "      issuer: https://login.example.com/\n      audience: https://sentrely.example.com/mcp\n      jwksUri: https://login.example.com/keys\n");

        // Assert
        var jwt = Assert.IsType<ServerJwtConfig>(config.Server.Auth.Jwt);
        Assert.Equal(("https://login.example.com/", "https://sentrely.example.com/mcp"), (jwt.Issuer, jwt.Audience));
        Assert.Equal(new Uri("https://login.example.com/keys"), jwt.JwksUri);
        Assert.Null(jwt.JwksFile);
        Assert.Equal(("sub", "project", "roles"), (jwt.DeveloperClaim, jwt.ProjectClaim, jwt.RolesClaim));
        Assert.True(config.Server.Auth.Tokens);
    }

    [Fact]
    public void Parse_JwtWithJwksFileAndClaims_ExpandedPathAndNames()
    {
        // Act
        var config = ConfigAssert.Valid(Prefix + "      issuer: http://127.0.0.1:9000\n      audience: sentrely\n      jwksFile: ~/jwks.json\n"
            + "      claims: { developer: email, project: team, roles: groups }\n");

        // Assert
        var jwt = Assert.IsType<ServerJwtConfig>(config.Server.Auth.Jwt);
        Assert.Equal(ConfigAssert.Home + "/jwks.json", jwt.JwksFile);
        Assert.Equal(("email", "team", "groups"), (jwt.DeveloperClaim, jwt.ProjectClaim, jwt.RolesClaim));
    }

    [Fact]
    public void Parse_TokensOffWithJwt_Valid()
    {
        // Act
        var config = ConfigAssert.Valid("server:\n  auth:\n    tokens: false\n    jwt: { issuer: 'https://idp.example', audience: a, jwksUri: 'https://idp.example/jwks' }\n");

        // Assert
        Assert.False(config.Server.Auth.Tokens);
        Assert.NotNull(config.Server.Auth.Jwt);
    }

    [Theory]
    [InlineData("{ audience: a, jwksUri: 'https://idp.example/k' }", ConfigErrorCodes.MissingKey, "server.auth.jwt")]
    [InlineData("{ issuer: 'https://idp.example' , jwksUri: 'https://idp.example/k' }", ConfigErrorCodes.MissingKey, "server.auth.jwt")]
    [InlineData("{ issuer: 'https://idp.example', audience: a }", ConfigErrorCodes.MissingKey, "server.auth.jwt")]
    [InlineData("{ issuer: 'http://idp.example', audience: a, jwksUri: 'https://idp.example/k' }", ConfigErrorCodes.InvalidValue, "server.auth.jwt.issuer")]
    [InlineData("{ issuer: 'https://idp.example', audience: a, jwksUri: 'http://idp.example/k' }", ConfigErrorCodes.InvalidValue, "server.auth.jwt.jwksUri")]
    [InlineData("{ issuer: 'https://idp.example', audience: a, jwksUri: 'ftp://idp.example/k' }", ConfigErrorCodes.InvalidValue, "server.auth.jwt.jwksUri")]
    [InlineData("{ issuer: 'https://idp.example', audience: a, jwksUri: 'https://u:p@idp.example/k' }", ConfigErrorCodes.InvalidValue, "server.auth.jwt.jwksUri")]
    [InlineData("{ issuer: 'https://idp.example', audience: a, jwksFile: jwks.json }", ConfigErrorCodes.InvalidPath, "server.auth.jwt.jwksFile")]
    [InlineData("{ issuer: 'https://idp.example', audience: a, jwksUri: 'https://idp.example/k', jwksFile: /etc/jwks.json }", ConfigErrorCodes.InvalidValue, "server.auth.jwt.jwksFile")]
    [InlineData("{ issuer: 'https://idp.example', audience: a, jwksUri: 'https://idp.example/k', claims: { developer: 'two words' } }", ConfigErrorCodes.InvalidValue, "server.auth.jwt.claims.developer")]
    [InlineData("{ issuer: 'https://idp.example', audience: a, jwksUri: 'https://idp.example/k', claims: { tools: scope } }", ConfigErrorCodes.UnknownKey, "server.auth.jwt.claims.tools")]
    [InlineData("{ issuer: 'https://idp.example', audience: a, jwksUri: 'https://idp.example/k', algorithms: [HS256] }", ConfigErrorCodes.UnknownKey, "server.auth.jwt.algorithms")]
    public void Parse_BadJwt_Error(string jwt, string code, string field)
    {
        // Act
        var error = ConfigAssert.Single($"server:\n  auth:\n    jwt: {jwt}\n");

        // Assert
        Assert.Equal((code, field), (error.Code, error.Field));
    }

    [Fact]
    public void Parse_JwtNotMapping_WrongType()
    {
        // Act
        var error = ConfigAssert.Single("server:\n  auth:\n    jwt: https://idp.example\n");

        // Assert
        Assert.Equal((ConfigErrorCodes.WrongType, "server.auth.jwt"), (error.Code, error.Field));
    }
}
