using Sentrely.Sandbox;

namespace Sentrely.EndToEnd.Tests.Incident;

public sealed class DoctorCommandTests : IAsyncLifetime
{
    private readonly SandboxWorld _world = new();

    public Task InitializeAsync() => _world.InitializeAsync();

    public Task DisposeAsync() => _world.DisposeAsync();

    [Fact]
    public async Task Doctor_Sandbox_EveryCheckPassesExitsZero()
    {
        // Act
        var (exit, stdout, stderr) = await SentrelyProcess.RunAsync(_world, "doctor", "--sandbox");

        // Assert
        Assert.True(exit == 0, stdout + stderr);
        Assert.DoesNotContain("✖", stdout, StringComparison.Ordinal);
        Assert.Contains("✔ role aws.roles.deploy", stdout, StringComparison.Ordinal);
        Assert.Contains("– not checked: S3 and Lambda permissions", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Doctor_WorldConfig_PassesAndAssumesWithDenyAllPolicyAndTags()
    {
        // Act
        var (exit, stdout, _) = await SentrelyProcess.RunAsync(_world, "doctor", "--config", _world.ConfigPath);

        // Assert
        Assert.True(exit == 0, stdout);
        var probe = _world.Double.AssumeRoles.Last(a => a.Policy!.Contains("\"Deny\"", StringComparison.Ordinal));
        Assert.Equal(Sentrely.Aws.Credentials.RoleProbe.DenyAll, probe.Policy);
        Assert.Equal(["agent-session", "developer", "project", "tool", "actor"], probe.Tags.Select(t => t.Key));
        Assert.Equal("jordan", probe.SourceIdentity);
    }

    [Fact]
    public async Task Doctor_AccountIdDiffersFromCaller_ExitsOneNamingProblemAndFix()
    {
        // Arrange
        await RewriteConfigAsync("111122223333", "999988887777");

        // Act
        var (exit, stdout, _) = await SentrelyProcess.RunAsync(_world, "doctor", "--config", _world.ConfigPath);

        // Assert
        Assert.Equal(1, exit);
        Assert.Contains("✖ base credentials belong to account 111122223333, but aws.accountId is 999988887777", stdout, StringComparison.Ordinal);
        Assert.Contains("fix: set aws.accountId", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Doctor_RoleTheDoubleRefuses_ExitsOneNamingRoleAndTrustPolicyFix()
    {
        // Arrange
        var world = new SandboxWorld(new AwsTestDoubleOptions { AssumableRoles = [SandboxWorld.ReadRole] });
        await world.InitializeAsync();
        try
        {
            // Act
            var (exit, stdout, _) = await SentrelyProcess.RunAsync(world, "doctor", "--config", world.ConfigPath);

            // Assert
            Assert.Equal(1, exit);
            Assert.Contains($"✖ role aws.roles.deploy ({SandboxWorld.DeployRole}) cannot be assumed: AccessDenied", stdout, StringComparison.Ordinal);
            Assert.Contains("sts:TagSession", stdout, StringComparison.Ordinal);
            Assert.Contains("✔ role aws.roles.read", stdout, StringComparison.Ordinal);
        }
        finally
        {
            await world.DisposeAsync();
        }
    }

    [Fact]
    public async Task Doctor_RoleDeniesAnEc2Action_DryRunNamesItAndExitsOne()
    {
        // Arrange: the deploy role's own policy denies terminations (the double enforces a role's inline denies).
        var world = new SandboxWorld();
        await world.InitializeAsync();
        try
        {
            const string Deny = """{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"ec2:TerminateInstances","Resource":"*"}]}""";
            world.Double.State.PutRolePolicy("sentrely-agent-deploy", "no-terminate", Deny, Sentrely.Sandbox.Policy.SessionPolicyParser.TryParse(Deny, out _)!);

            // Act
            var (exit, stdout, _) = await SentrelyProcess.RunAsync(world, "doctor", "--config", world.ConfigPath);

            // Assert
            Assert.Equal(1, exit);
            Assert.Contains("✔ role aws.roles.deploy allows ec2:StopInstances (stop-instances): EC2 dry run said DryRunOperation", stdout, StringComparison.Ordinal);
            Assert.Contains("✖ role aws.roles.deploy does not allow ec2:TerminateInstances (terminate-instances): EC2 dry run said UnauthorizedOperation", stdout, StringComparison.Ordinal);
            var dryRun = world.Double.Requests.Where(r => r.Action == "ec2:StopInstances").ToArray();
            Assert.NotEmpty(dryRun);
            Assert.Equal("running", world.Double.State.GetInstance(world.InstanceId)!.State);
        }
        finally
        {
            await world.DisposeAsync();
        }
    }

    [Fact]
    public async Task Doctor_BrokenConfig_ExitsTwo()
    {
        // Arrange
        await RewriteConfigAsync("effect: allow", "effect: perhaps");

        // Act
        var (exit, stdout, stderr) = await SentrelyProcess.RunAsync(_world, "doctor", "--config", _world.ConfigPath);

        // Assert
        Assert.Equal(2, exit);
        Assert.Contains("sentrely.yaml", stderr, StringComparison.Ordinal);
        Assert.Contains("✖ configuration", stdout, StringComparison.Ordinal);
    }

    private async Task RewriteConfigAsync(string from, string to)
    {
        var text = await File.ReadAllTextAsync(_world.ConfigPath);
        Assert.Contains(from, text, StringComparison.Ordinal);
        await File.WriteAllTextAsync(_world.ConfigPath, text.Replace(from, to, StringComparison.Ordinal));
    }
}
