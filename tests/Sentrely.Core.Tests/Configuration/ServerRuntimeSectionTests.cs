using Sentrely.Configuration;

namespace Sentrely.Core.Tests.Configuration;

/// <summary><c>server.files</c>, <c>server.approvals</c>, <c>server.sessions</c> and <c>server.limits</c>.</summary>
public sealed class ServerRuntimeSectionTests
{
    [Fact]
    public void Parse_NoKeys_SafeDefaults()
    {
        // Act
        var server = ConfigAssert.Valid("aws:\n  region: us-east-1\n").Server;

        // Assert
        Assert.Empty(server.Files.Roots);
        Assert.False(server.Approvals.InSession);
        Assert.Equal(TimeSpan.FromMinutes(30), server.Sessions.IdleTimeout);
        Assert.Equal((8, 32, 12582912L), (server.Limits.ConcurrentCallsPerToken, server.Limits.SessionsPerToken, server.Limits.MaxRequestBytes));
    }

    [Fact]
    public void Parse_AllKeys_Read()
    {
        // Act
        var server = ConfigAssert.Valid("""
            server:
              files: { roots: [/srv/builds] }
              approvals: { inSession: true }
              sessions: { idleTimeout: 90s }
              limits: { concurrentCallsPerToken: 2, sessionsPerToken: 4, maxRequestBytes: 1048576 }
            """).Server;

        // Assert
        Assert.Equal(["/srv/builds"], server.Files.Roots);
        Assert.True(server.Approvals.InSession);
        Assert.Equal(TimeSpan.FromSeconds(90), server.Sessions.IdleTimeout);
        Assert.Equal((2, 4, 1048576L), (server.Limits.ConcurrentCallsPerToken, server.Limits.SessionsPerToken, server.Limits.MaxRequestBytes));
    }

    [Theory]
    [InlineData("server:\n  files: { roots: [/] }\n", ConfigErrorCodes.InvalidPath, "server.files.roots[0]")]
    [InlineData("server:\n  approvals: { inSession: yes }\n", ConfigErrorCodes.InvalidServerApprovals, "server.approvals.inSession")]
    [InlineData("server:\n  sessions: { idleTimeout: 30 }\n", ConfigErrorCodes.InvalidServerSessions, "server.sessions.idleTimeout")]
    [InlineData("server:\n  sessions: { idleTimeout: 25h }\n", ConfigErrorCodes.InvalidServerSessions, "server.sessions.idleTimeout")]
    [InlineData("server:\n  limits: { concurrentCallsPerToken: 0 }\n", ConfigErrorCodes.InvalidServerLimits, "server.limits.concurrentCallsPerToken")]
    [InlineData("server:\n  limits: { sessionsPerToken: many }\n", ConfigErrorCodes.InvalidServerLimits, "server.limits.sessionsPerToken")]
    [InlineData("server:\n  limits: { maxRequestBytes: 1024 }\n", ConfigErrorCodes.InvalidServerLimits, "server.limits.maxRequestBytes")]
    [InlineData("server:\n  limits: { maxRequests: 5 }\n", ConfigErrorCodes.UnknownKey, "server.limits.maxRequests")]
    public void Parse_BadValue_CodeAtField(string yaml, string code, string field)
    {
        // Act
        var error = ConfigAssert.Single(yaml);

        // Assert
        Assert.Equal((code, field), (error.Code, error.Field));
    }

    [Fact]
    public void Changed_ServerLimits_NeedsRestart()
    {
        // Arrange
        var before = ConfigAssert.Valid("server:\n  limits: { sessionsPerToken: 4 }\n");
        var after = ConfigAssert.Valid("server:\n  limits: { sessionsPerToken: 5 }\n");

        // Act
        var changed = RestartSections.Changed(before, after);

        // Assert
        Assert.Equal(["server"], changed);
    }
}
