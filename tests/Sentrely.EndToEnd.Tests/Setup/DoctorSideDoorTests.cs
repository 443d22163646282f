namespace Sentrely.EndToEnd.Tests.Setup;

/// <summary>The doctor's warnings about AWS credentials the agent could use without Sentrely.</summary>
public sealed class DoctorSideDoorTests : IDisposable
{
    private const string FakeSecret = "wJalrXUtnFEMI-fake-secret-9c1d";
    private const string FakeKeyId = "AKIAFAKEKEYID0000001";
    private readonly SetupWorld _world = new();

    [Fact]
    public async Task Doctor_CleanHome_PassesSideDoorCheckWithoutWarnings()
    {
        // Act
        var (exit, stdout, stderr) = await _world.RunAsync(["doctor", "--sandbox"]);

        // Assert
        Assert.True(exit == 0, stdout + stderr);
        Assert.Contains("✔ no AWS credentials in Sentrely's environment or in ~/.aws", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("⚠", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Doctor_AwsVariablesInEnvironment_WarnsNamingThemNeverTheValuesExitZero()
    {
        // Arrange
        _world.Environment["AWS_ACCESS_KEY_ID"] = FakeKeyId;
        _world.Environment["AWS_SECRET_ACCESS_KEY"] = FakeSecret;
        _world.Environment["AWS_CONTAINER_CREDENTIALS_FULL_URI"] = "http://127.0.0.1:1/creds";

        // Act
        var (exit, stdout, stderr) = await _world.RunAsync(["doctor", "--sandbox"]);

        // Assert
        Assert.True(exit == 0, stdout + stderr);
        Assert.Contains("⚠ AWS credential variables in Sentrely's environment: AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_CONTAINER_CREDENTIALS_FULL_URI (values not shown)", stdout, StringComparison.Ordinal);
        Assert.Contains("team server", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain(FakeSecret, stdout + stderr, StringComparison.Ordinal);
        Assert.DoesNotContain(FakeKeyId, stdout + stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Doctor_CredentialFilesInHome_WarnsWithSectionAndKeyNamesNeverSecrets()
    {
        // Arrange
        WriteAwsFiles();

        // Act
        var (exit, stdout, stderr) = await _world.RunAsync(["doctor", "--sandbox"]);

        // Assert
        Assert.True(exit == 0, stdout + stderr);
        Assert.Contains("⚠ ~/.aws/credentials is readable by this user and yields credentials: [default]: aws_access_key_id, aws_secret_access_key", stdout, StringComparison.Ordinal);
        Assert.Contains("⚠ ~/.aws/config is readable by this user and yields credentials: [profile ci]: credential_process; [sso-session corp]: sso_start_url", stdout, StringComparison.Ordinal);
        Assert.Contains("cli/cache holds 1 cached token file(s)", stdout, StringComparison.Ordinal);
        Assert.Contains("fix: run `sentrely setup claude-code`", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain(FakeSecret, stdout + stderr, StringComparison.Ordinal);
        Assert.DoesNotContain(FakeKeyId, stdout + stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("fetch-secret", stdout + stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Doctor_AfterSetupClaudeCode_FileWarningsBecomeNotesNamingTheSettings()
    {
        // Arrange
        WriteAwsFiles();
        var setup = await _world.RunAsync(["setup", "claude-code", "--sandbox"]);

        // Act
        var (exit, stdout, stderr) = await _world.RunAsync(["doctor", "--sandbox"]);

        // Assert
        Assert.Equal(0, setup.ExitCode);
        Assert.True(exit == 0, stdout + stderr);
        Assert.DoesNotContain("⚠", stdout, StringComparison.Ordinal);
        Assert.Contains($"ℹ ~/.aws/credentials is readable by this user and yields credentials: [default]: aws_access_key_id, aws_secret_access_key; Claude Code's permission rules in {_world.UserSettings} deny the agent reading ~/.aws/**", stdout, StringComparison.Ordinal);
        Assert.Contains("strong boundary", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Doctor_ProjectMcpJsonLaunchesSentrely_WarnsAndNamesTheUserScope()
    {
        // Arrange
        var setup = await _world.RunAsync(["setup", "claude-code", "--scope", "project", "--sandbox"]);

        // Act
        var (exit, stdout, stderr) = await _world.RunAsync(["doctor", "--sandbox"]);

        // Assert
        Assert.Equal(0, setup.ExitCode);
        Assert.True(exit == 0, stdout + stderr);
        Assert.Contains($"⚠ {_world.McpJson} launches Sentrely (server sentrely): the agent can edit this file", stdout, StringComparison.Ordinal);
        Assert.Contains("claude mcp remove --scope project sentrely", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Doctor_ProjectMcpJsonWithOtherServers_Passes()
    {
        // Arrange
        _world.WriteFile(_world.McpJson, """{"mcpServers":{"github":{"type":"http","url":"https://example.test/mcp"}}}""");

        // Act
        var (exit, stdout, _) = await _world.RunAsync(["doctor", "--sandbox"]);

        // Assert
        Assert.Equal(0, exit);
        Assert.Contains($"✔ {_world.McpJson} does not launch Sentrely", stdout, StringComparison.Ordinal);
    }

    public void Dispose() => _world.Dispose();

    private void WriteAwsFiles()
    {
        var aws = Path.Combine(_world.Home, ".aws");
        _world.WriteFile(Path.Combine(aws, "credentials"), $"[default]\naws_access_key_id = {FakeKeyId}\naws_secret_access_key={FakeSecret}\n\n[empty]\nregion = us-east-1\n");
        _world.WriteFile(Path.Combine(aws, "config"), "[profile ci]\ncredential_process = /usr/local/bin/fetch-secret --id 7\n[sso-session corp]\nsso_start_url = https://corp.awsapps.com/start\n");
        _world.WriteFile(Path.Combine(aws, "cli", "cache", "abc.json"), $"{{\"Credentials\":{{\"SecretAccessKey\":\"{FakeSecret}\"}}}}");
    }
}
