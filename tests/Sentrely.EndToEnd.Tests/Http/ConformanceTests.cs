using System.Text.RegularExpressions;
using Sentrely.EndToEnd.Tests.Clients;
using Xunit.Abstractions;

namespace Sentrely.EndToEnd.Tests.Http;

/// <summary>
/// The MCP conformance suite (`@modelcontextprotocol/conformance` 0.1.16, npm, test-time only) against the HTTP server.
/// It has no authentication scenarios, so it runs against `--insecure-no-auth` on loopback. Scenarios that need the
/// suite's fixture tools, resources, prompts, completions or sampling are not applicable: Sentrely serves only its
/// curated tools by design. The scenarios that pass must keep passing.
/// </summary>
public sealed partial class ConformanceTests(SandboxWorld world, ITestOutputHelper output) : IClassFixture<SandboxWorld>
{
    private static readonly string[] Required =
    [
        "server-initialize", "logging-set-level", "ping", "tools-list", "tools-call-simple-text", "tools-call-error",
        "server-sse-multiple-streams", "dns-rebinding-protection",
    ];

    [Fact]
    public async Task ConformanceSuite_ApplicableScenariosPass()
    {
        // Arrange
        await using var server = await HttpServerProcess.StartAsync(world, "--insecure-no-auth");
        var home = Path.Combine(world.Folder, "conformance-home");
        Directory.CreateDirectory(home);

        // Act
        var (_, stdout, stderr) = await TestTools.RunAsync(home, home, TestTools.Conformance, ["server", "--url", server.McpUri.ToString()], TestTools.Node22Bin);

        // Assert
        var results = Summary().Matches(stdout).ToDictionary(m => m.Groups["name"].Value, m => m.Groups["mark"].Value == "✓");
        output.WriteLine($"conformance: {results.Count(r => r.Value)} of {results.Count} scenarios passed; passing: {string.Join(", ", results.Where(r => r.Value).Select(r => r.Key))}");
        output.WriteLine($"not applicable (fixture tools/resources/prompts/sampling Sentrely does not serve): {string.Join(", ", results.Where(r => !r.Value).Select(r => r.Key))}");
        Assert.True(results.Count > 20, stdout + stderr);
        Assert.All(Required, name => Assert.True(results.TryGetValue(name, out var passed) && passed, $"{name} must pass:\n{stdout}"));
    }

    [GeneratedRegex(@"^(?<mark>[✓✗]) (?<name>[a-z0-9-]+): \d+ passed, \d+ failed", RegexOptions.Multiline)]
    private static partial Regex Summary();
}
