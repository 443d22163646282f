using ModelContextProtocol.Client;
using Sentrely.EndToEnd.Tests.Http;

namespace Sentrely.EndToEnd.Tests.Sessions;

/// <summary>A team-server client whose <c>clientInfo.name</c> carries escape sequences and line breaks cannot forge lines of <c>sessions list</c>.</summary>
public sealed class ForgedClientNameTests : IClassFixture<AdminApiWorld>
{
    // Erase the line, go up one, print a fake session, then start a fake kill-rule line and reverse the rest.
    private const string ForgedClient = "claude\u001b[2K\u001b[1A\rsess_fake  live   alice/app\nkill rule\u202eabc";

    private readonly AdminApiWorld _admin;

    public ForgedClientNameTests(AdminApiWorld admin) => _admin = admin;

    [Fact]
    public async Task SessionsList_ForgedClientName_PrintedAsVisibleEscapes()
    {
        // Arrange: a real MCP session registered under the forged client name.
        var token = await _admin.TokenAsync("alice", "agent");
        await using (var client = await McpClient.CreateAsync(
            new HttpClientTransport(new HttpClientTransportOptions
            {
                Endpoint = _admin.Server.McpUri,
                TransportMode = HttpTransportMode.StreamableHttp,
                AdditionalHeaders = new Dictionary<string, string> { ["Authorization"] = $"Bearer {token}" },
            }),
            new McpClientOptions { ClientInfo = new() { Name = ForgedClient, Version = "1\u001b]0;title\u0007" } }))
        {
            await client.CallToolAsync("list-permissions", new Dictionary<string, object?>());

            // Act
            var sessions = await SentrelyProcess.RunAsync(_admin.World, "sessions", "list", "--config", _admin.World.ConfigPath);

            // Assert
            Assert.Equal(0, sessions.ExitCode);
            ForgedNamesTests.AssertNoUnsafeCharacter(sessions.Stdout);
            Assert.Contains("claude\\x1b[2K\\x1b[1A\\rsess_fake  live   alice/app\\nkill rule\\u202eabc/1\\x1b]0;title\\x07", sessions.Stdout, StringComparison.Ordinal);
            Assert.DoesNotContain(sessions.Stdout.Split('\n'), l => l.StartsWith("kill rule", StringComparison.Ordinal) || l.StartsWith("sess_fake", StringComparison.Ordinal));
        }
    }
}
