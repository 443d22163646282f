using System.Text.Json;

namespace Sentrely.EndToEnd.Tests.Iam;

/// <summary><c>sentrely iam plan|check</c> as a user runs them, against the world's configuration and AWS double.</summary>
public sealed class IamCommandTests : IClassFixture<SandboxWorld>
{
    private const string Broker = "arn:aws:iam::111122223333:role/sentrely-broker";

    private readonly SandboxWorld _world;

    public IamCommandTests(SandboxWorld world) => _world = world;

    private Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(params string[] args) =>
        SentrelyProcess.RunAsync(_world, [.. args, "--config", _world.ConfigPath]);

    [Fact]
    public async Task Plan_EachGeneratedRolePolicy_PassesCheckExactly()
    {
        // Arrange
        var (exit, stdout, stderr) = await RunAsync("iam", "plan", "--format", "json", "--broker", Broker);
        Assert.True(exit == 0, stderr);
        using var plan = JsonDocument.Parse(stdout);

        foreach (var role in plan.RootElement.GetProperty("roles").EnumerateArray())
        {
            var key = role.GetProperty("key").GetString()!;
            var files = new List<string>();
            var i = 0;
            foreach (var policy in role.GetProperty("policies").EnumerateArray())
            {
                var file = Path.Combine(_world.Folder, $"plan-{key}-{i++}.json");
                await File.WriteAllTextAsync(file, policy.GetRawText());
                files.Add(file);
            }

            // Act
            var check = await RunAsync(["iam", "check", "--role", key, .. files.SelectMany(f => new[] { "--policy", f })]);

            // Assert
            Assert.True(check.ExitCode == 0, check.Stdout + check.Stderr);
            Assert.Contains($"exactly what the {key} role's tools need", check.Stdout, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Check_WidePolicy_ReportsMissingAndExcess_ExitOne()
    {
        var file = Path.Combine(_world.Folder, "wide.json");
        await File.WriteAllTextAsync(file, """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}""");

        var (exit, stdout, _) = await RunAsync("iam", "check", "--role", "deploy", "--policy", file, "--json");

        Assert.Equal(1, exit);
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Contains(lines, l => l.TryGetProperty("missing", out var a) && a.GetString() == "ec2:TerminateInstances");
        Assert.Contains(lines, l => l.TryGetProperty("excess", out var k) && k.GetString() == "WildcardAction");
        Assert.DoesNotContain(lines, l => l.TryGetProperty("missing", out var a) && a.GetString() == "s3:PutObject");
    }

    [Fact]
    public async Task Check_UnreadablePolicyOrUnknownRole_ExitTwo()
    {
        var file = Path.Combine(_world.Folder, "broken.json");
        await File.WriteAllTextAsync(file, "{ not json");

        var broken = await RunAsync("iam", "check", "--role", "deploy", "--policy", file);
        var unknownRole = await RunAsync("iam", "check", "--role", "admin", "--policy", file);

        Assert.Equal(2, broken.ExitCode);
        Assert.Contains("cannot read the policy", broken.Stdout, StringComparison.Ordinal);
        Assert.Equal(2, unknownRole.ExitCode);
        Assert.Contains("not a key of aws.roles", unknownRole.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Plan_WithoutBroker_UsesTheCallerIdentity()
    {
        var (exit, stdout, stderr) = await RunAsync("iam", "plan", "--format", "json");

        Assert.True(exit == 0, stderr);
        using var plan = JsonDocument.Parse(stdout);
        Assert.Equal("arn:aws:iam::111122223333:user/sentrely-broker", plan.RootElement.GetProperty("broker").GetString());
    }

    [Theory]
    [InlineData("cloudformation")]
    [InlineData("terraform")]
    public async Task Plan_DeployableFormats_AreJsonNamingTheRoles(string format)
    {
        var output = Path.Combine(_world.Folder, $"sentrely-iam.{format}.json");

        var (exit, _, stderr) = await RunAsync("iam", "plan", "--format", format, "--broker", Broker, "--boundary", "generate", "--output", output);

        Assert.True(exit == 0, stderr);
        var text = await File.ReadAllTextAsync(output);
        using var document = JsonDocument.Parse(text);
        Assert.Contains("sentrely-agent-deploy", text, StringComparison.Ordinal);
        Assert.Contains("sentrely-agent-read", text, StringComparison.Ordinal);
        Assert.Contains(Broker, text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--broker", "arn:aws:sts::111122223333:federated-user/bob")]
    [InlineData("--broker", "*")]
    [InlineData("--boundary", "arn:aws:iam::111122223333:role/not-a-policy")]
    [InlineData("--format", "yaml")]
    public async Task Plan_BadOption_UsageError(string option, string value)
    {
        var (exit, _, stderr) = await RunAsync("iam", "plan", option, value);

        Assert.True(exit == 2, stderr);
    }
}
