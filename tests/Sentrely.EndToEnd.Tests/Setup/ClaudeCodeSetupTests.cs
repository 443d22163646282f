using System.Text.Json.Nodes;

namespace Sentrely.EndToEnd.Tests.Setup;

public sealed class ClaudeCodeSetupTests : IDisposable
{
    private readonly SetupWorld _world = new();

    [Fact]
    public async Task SetupClaudeCode_FreshProject_RegistersServerThatRunsThisBuildAndDeniesSideDoors()
    {
        // Act
        var (exit, stdout, stderr) = await _world.RunAsync(["setup", "claude-code", "--scope", "project", "--sandbox"]);

        // Assert
        Assert.True(exit == 0, stdout + stderr);
        var server = SetupWorld.ReadJson(_world.McpJson)["mcpServers"]!["sentrely"]!;
        Assert.Equal("stdio", server["type"]!.GetValue<string>());
        var command = server["command"]!.GetValue<string>();
        Assert.True(Path.IsPathFullyQualified(command) && File.Exists(command), command);
        Assert.Equal(SentrelyProcess.Arguments("serve", "--sandbox"), server["args"]!.AsArray().Select(a => a!.GetValue<string>()));
        var deny = SetupWorld.DenyRules(_world.ProjectSettings);
        Assert.Superset(
            new HashSet<string>
            {
                "Read(~/.aws/**)", "Edit(~/.aws/**)",
                "Read(~/.config/sentrely/**)", "Edit(~/.config/sentrely/**)",
                "Read(~/.local/state/sentrely/**)", "Edit(~/.local/state/sentrely/**)",
                "Bash(aws)", "Bash(aws *)", "Edit(./.claude/settings.json)", "Edit(./.mcp.json)",
            },
            deny.ToHashSet());
        Assert.Equal(deny.Length, deny.Distinct().Count());
        Assert.Contains("+ permissions.deny: Read(~/.aws/**)", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SetupClaudeCode_ExistingFiles_MergesKeepingOtherServersKeysAndRulesWithoutDuplicates()
    {
        // Arrange
        _world.WriteFile(_world.McpJson, """{"mcpServers":{"github":{"type":"http","url":"https://example.test/mcp"}},"extra":{"keep":true}}""");
        _world.WriteFile(_world.ProjectSettings, """{"model":"opus","permissions":{"allow":["Bash(npm test)"],"deny":["Read(./.env)","Read(~/.aws/**)"]}}""");

        // Act
        var (exit, stdout, stderr) = await _world.RunAsync(["setup", "claude-code", "--scope", "project", "--sandbox"]);

        // Assert
        Assert.True(exit == 0, stdout + stderr);
        var mcp = SetupWorld.ReadJson(_world.McpJson);
        Assert.Equal("https://example.test/mcp", mcp["mcpServers"]!["github"]!["url"]!.GetValue<string>());
        Assert.True(mcp["extra"]!["keep"]!.GetValue<bool>());
        Assert.NotNull(mcp["mcpServers"]!["sentrely"]);
        var settings = SetupWorld.ReadJson(_world.ProjectSettings);
        Assert.Equal("opus", settings["model"]!.GetValue<string>());
        Assert.Equal(["Bash(npm test)"], settings["permissions"]!["allow"]!.AsArray().Select(r => r!.GetValue<string>()));
        var deny = SetupWorld.DenyRules(_world.ProjectSettings);
        Assert.Equal(["Read(./.env)", "Read(~/.aws/**)"], deny.Take(2));
        Assert.Equal(deny.Length, deny.Distinct().Count());
        Assert.Contains("Bash(aws *)", deny);
    }

    [Fact]
    public async Task SetupClaudeCode_SecondRun_ChangesNothingAndSaysSo()
    {
        // Arrange
        var first = await _world.RunAsync(["setup", "claude-code", "--scope", "project", "--sandbox"]);
        var mcp = await File.ReadAllBytesAsync(_world.McpJson);
        var settings = await File.ReadAllBytesAsync(_world.ProjectSettings);

        // Act
        var (exit, stdout, _) = await _world.RunAsync(["setup", "claude-code", "--scope", "project", "--sandbox"]);

        // Assert
        Assert.Equal(0, first.ExitCode);
        Assert.Equal(0, exit);
        Assert.Equal(mcp, await File.ReadAllBytesAsync(_world.McpJson));
        Assert.Equal(settings, await File.ReadAllBytesAsync(_world.ProjectSettings));
        Assert.Contains($"✔ {_world.McpJson}: already set up, unchanged", stdout, StringComparison.Ordinal);
        Assert.Contains($"✔ {_world.ProjectSettings}: already set up, unchanged", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("+ ", stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("settings", "{\"permissions\": {\"deny\": [\"Read(./.env)\",]}}")]
    [InlineData("settings", "{\"permissions\": {\"deny\": \"Read(./.env)\"}}")]
    [InlineData("mcp", "// comment\n{\"mcpServers\": {}}")]
    [InlineData("mcp", "[1, 2]")]
    public async Task SetupClaudeCode_UnmergeableFile_ExitsTwoAndWritesNothing(string which, string text)
    {
        // Arrange
        var broken = which == "mcp" ? _world.McpJson : _world.ProjectSettings;
        var other = which == "mcp" ? _world.ProjectSettings : _world.McpJson;
        _world.WriteFile(broken, text);

        // Act
        var (exit, stdout, stderr) = await _world.RunAsync(["setup", "claude-code", "--scope", "project", "--sandbox"]);

        // Assert
        Assert.Equal(2, exit);
        Assert.Equal(text, await File.ReadAllTextAsync(broken));
        Assert.False(File.Exists(other), "nothing may be written when one file is refused");
        Assert.Contains(broken, stderr, StringComparison.Ordinal);
        Assert.Contains("nothing was written", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("wrote", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SetupClaudeCode_SettingsFolderIsALink_ExitsTwoAndLeavesTheTargetAlone()
    {
        // Arrange: a planted link from the project's .claude to another folder with a settings file.
        var target = Directory.CreateDirectory(Path.Combine(_world.Folder, "elsewhere")).FullName;
        var settings = Path.Combine(target, "settings.json");
        await File.WriteAllTextAsync(settings, "{}");
        Directory.CreateSymbolicLink(Path.Combine(_world.Project, ".claude"), target);

        // Act
        var (exit, _, stderr) = await _world.RunAsync(["setup", "claude-code", "--scope", "project", "--sandbox"]);

        // Assert
        Assert.Equal(2, exit);
        Assert.Contains("symbolic link", stderr, StringComparison.Ordinal);
        Assert.Equal("{}", await File.ReadAllTextAsync(settings));
        Assert.False(File.Exists(_world.McpJson));
    }

    [Fact]
    public async Task SetupClaudeCode_DryRun_PrintsTheRulesAndWritesNothing()
    {
        // Act
        var (exit, stdout, _) = await _world.RunAsync(["setup", "claude-code", "--scope", "project", "--sandbox", "--dry-run"]);

        // Assert
        Assert.Equal(0, exit);
        Assert.False(File.Exists(_world.McpJson));
        Assert.False(Directory.Exists(Path.Combine(_world.Project, ".claude")));
        Assert.Contains("(dry run) would write", stdout, StringComparison.Ordinal);
        Assert.Contains("+ permissions.deny: Read(~/.aws/**)", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SetupClaudeCode_ConfigOutsideHome_PassesConfigAndDeniesItAndItsStoreByAbsolutePath()
    {
        // Arrange: a configuration with its store, both outside HOME.
        var world = new SandboxWorld();
        await world.InitializeAsync();
        try
        {
            // Act
            var (exit, stdout, stderr) = await _world.RunAsync(["setup", "claude-code", "--scope", "project", "--config", world.ConfigPath]);

            // Assert
            Assert.True(exit == 0, stdout + stderr);
            var args = SetupWorld.ReadJson(_world.McpJson)["mcpServers"]!["sentrely"]!["args"]!.AsArray().Select(a => a!.GetValue<string>());
            Assert.Equal(SentrelyProcess.Arguments("serve", "--config", world.ConfigPath), args);
            var deny = SetupWorld.DenyRules(_world.ProjectSettings);
            Assert.Contains($"Read(/{world.ConfigPath})", deny);
            Assert.Contains($"Edit(/{world.ConfigPath})", deny);
            Assert.Contains($"Read(/{Path.GetDirectoryName(world.StorePath)}/**)", deny);
        }
        finally
        {
            await world.DisposeAsync();
        }
    }

    [Fact]
    public async Task SetupClaudeCode_CredentialFileVariables_DeniesTheNamedFilesByAbsolutePath()
    {
        // Arrange: credential files outside ~/.aws, named by the AWS SDK's variables.
        var credentials = Path.Combine(_world.Folder, "elsewhere", "creds");
        var token = Path.Combine(_world.Home, "tokens", "web-identity");
        _world.Environment["AWS_SHARED_CREDENTIALS_FILE"] = credentials;
        _world.Environment["AWS_WEB_IDENTITY_TOKEN_FILE"] = token;

        // Act
        var (exit, stdout, stderr) = await _world.RunAsync(["setup", "claude-code", "--scope", "project", "--sandbox"]);

        // Assert
        Assert.True(exit == 0, stdout + stderr);
        var deny = SetupWorld.DenyRules(_world.ProjectSettings);
        Assert.Contains($"Read(/{credentials})", deny);
        Assert.Contains("Read(~/tokens/web-identity)", deny);
        Assert.Contains("Edit(~/tokens/web-identity)", deny);
    }

    [Fact]
    public async Task SetupClaudeCode_UserScopeWithoutClaude_WritesUserSettingsAndPrintsTheCommand()
    {
        // Act
        var (exit, stdout, stderr) = await _world.RunAsync(["setup", "claude-code", "--scope", "user", "--sandbox"]);

        // Assert
        Assert.True(exit == 0, stdout + stderr);
        Assert.Contains("Read(~/.aws/**)", SetupWorld.DenyRules(_world.UserSettings));
        Assert.Contains("Edit(~/.claude/settings.json)", SetupWorld.DenyRules(_world.UserSettings));
        Assert.False(File.Exists(_world.McpJson));
        Assert.False(File.Exists(Path.Combine(_world.Home, ".claude.json")), "Sentrely must not hand-edit ~/.claude.json");
        Assert.Contains("claude is not on PATH", stdout, StringComparison.Ordinal);
        Assert.Contains($"claude mcp add --scope user sentrely -- ", stdout, StringComparison.Ordinal);
        Assert.Contains(string.Join(' ', SentrelyProcess.Arguments("serve", "--sandbox")), stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SetupClaudeCode_NoScope_UserScopeDenyingSelfApprovalWithoutWriteRules()
    {
        // Act
        var (exit, stdout, stderr) = await _world.RunAsync(["setup", "claude-code", "--sandbox"]);

        // Assert: user scope by default; nothing in the project the agent works in.
        Assert.True(exit == 0, stdout + stderr);
        Assert.False(File.Exists(_world.McpJson));
        Assert.False(File.Exists(_world.ProjectSettings));
        var deny = SetupWorld.DenyRules(_world.UserSettings);
        Assert.Superset(
            new HashSet<string>
            {
                "Bash(sentrely approvals *)", "Bash(*/sentrely approvals *)", "Bash(sentrely approvals)",
                "Bash(sentrely sessions *)", "Bash(*/sentrely sessions *)",
                "Bash(sentrely tokens *)", "Bash(*/sentrely tokens *)",
                "Edit(~/.claude/settings.json)",
            },
            deny.ToHashSet());
        Assert.DoesNotContain(deny, r => r.StartsWith("Write(", StringComparison.Ordinal));
        Assert.Contains("claude mcp add --scope user sentrely -- ", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SetupClaudeCode_WriteRulesAnEarlierVersionWrote_RemovedOthersKept()
    {
        // Arrange
        _world.WriteFile(_world.UserSettings, """{"permissions":{"deny":["Write(~/.aws/**)","Write(./secrets/**)","Edit(~/.aws/**)","Write(~/.claude/settings.json)"]}}""");

        // Act
        var (exit, stdout, stderr) = await _world.RunAsync(["setup", "claude-code", "--sandbox"]);

        // Assert
        Assert.True(exit == 0, stdout + stderr);
        var deny = SetupWorld.DenyRules(_world.UserSettings);
        Assert.DoesNotContain("Write(~/.aws/**)", deny);
        Assert.DoesNotContain("Write(~/.claude/settings.json)", deny);
        Assert.Contains("Write(./secrets/**)", deny);
        Assert.Contains("Edit(~/.aws/**)", deny);
        Assert.Contains("- permissions.deny: Write(~/.aws/**)", stdout, StringComparison.Ordinal);
    }

    public void Dispose() => _world.Dispose();
}
