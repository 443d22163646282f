using System.IO.Compression;
using System.Text.Json;
using System.Xml.Linq;
using ModelContextProtocol.Client;

namespace Sentrely.EndToEnd.Tests.Packaging;

/// <summary>
/// The NuGet package as users get it: a portable .NET tool that is also an MCP server package, installed with
/// <c>dotnet tool install -g</c> and run with <c>dnx</c> from a local feed, then driven over stdio by a real MCP client.
/// </summary>
public sealed class ToolPackageTests(ToolPackageFeed feed) : IClassFixture<ToolPackageFeed>
{
    [Fact]
    public void Package_ToolAndMcpServerTypes_PortableWithServerJsonForItsOwnVersion()
    {
        // Arrange
        using var package = ZipFile.OpenRead(feed.PackagePath);
        var nuspec = XDocument.Load(package.Entries.Single(e => e.FullName == "Sentrely.Mcp.nuspec").Open());
        using var serverJson = JsonDocument.Parse(package.GetEntry(".mcp/server.json")!.Open());
        var settings = XDocument.Load(package.GetEntry("tools/net10.0/any/DotnetToolSettings.xml")!.Open());

        // Act
        var types = nuspec.Descendants().Where(e => e.Name.LocalName == "packageType").Select(e => (string?)e.Attribute("name")).ToList();
        var server = serverJson.RootElement;
        var entry = Assert.Single(server.GetProperty("packages").EnumerateArray());
        var variables = entry.GetProperty("environmentVariables").EnumerateArray().ToDictionary(v => v.GetProperty("name").GetString()!);

        // Assert
        Assert.Equal(["DotnetTool", "McpServer"], types.Order());
        Assert.Equal("sentrely", settings.Descendants("Command").Single().Attribute("Name")!.Value);
        Assert.DoesNotContain(package.Entries, e => e.FullName.StartsWith("tools/", StringComparison.Ordinal) && !e.FullName.StartsWith("tools/net10.0/any/", StringComparison.Ordinal));
        using (var readme = new StreamReader(package.GetEntry("README.md")!.Open()))
        {
            Assert.Contains($"dnx Sentrely.Mcp@{feed.Version} --yes -- serve", readme.ReadToEnd(), StringComparison.Ordinal);
        }

        Assert.Equal(feed.Version, server.GetProperty("version").GetString());
        Assert.Equal(("nuget", "Sentrely.Mcp", feed.Version), (entry.GetProperty("registryType").GetString(), entry.GetProperty("identifier").GetString(), entry.GetProperty("version").GetString()));
        Assert.Equal("stdio", entry.GetProperty("transport").GetProperty("type").GetString());
        Assert.Equal(["serve"], entry.GetProperty("packageArguments").EnumerateArray().Select(a => a.GetProperty("value").GetString()));
        Assert.Equal("filepath", variables["SENTRELY_CONFIG"].GetProperty("format").GetString());
        Assert.True(variables["SENTRELY_AUDIT_HMAC_KEY"].GetProperty("isSecret").GetBoolean());
        Assert.True(server.GetProperty("description").GetString()!.Length <= 100, "the MCP registry caps description at 100 characters");
    }

    [Fact]
    public async Task GlobalTool_InstalledFromLocalFeed_PrintsVersionListsToolsAndServesStdio()
    {
        // Arrange
        var install = await feed.RunAsync("dotnet", ["tool", "install", "-g", "Sentrely.Mcp", "--version", feed.Version, "--add-source", feed.Feed]);
        Assert.True(install.ExitCode == 0, install.Stdout + install.Stderr);
        var sentrely = Path.Combine(feed.Home, ".dotnet", "tools", OperatingSystem.IsWindows() ? "sentrely.exe" : "sentrely");

        // Act
        var version = await feed.RunAsync(sentrely, ["--version"]);
        var tools = await feed.RunAsync(sentrely, ["tools", "list"]);
        var listed = await ListToolsOverStdioAsync(sentrely, ["serve", "--sandbox"]);

        // Assert
        Assert.True(version.ExitCode == 0, version.Stderr);
        Assert.StartsWith(feed.Version + "+", version.Stdout.Trim(), StringComparison.Ordinal);
        Assert.True(tools.ExitCode == 0, tools.Stderr);
        Assert.Contains("describe-instances", tools.Stdout, StringComparison.Ordinal);
        Assert.Equal(12, listed.Count);
        Assert.Contains("describe-instances", listed);
    }

    [Fact]
    public async Task Dnx_FromLocalFeed_RunsTheToolAndServesStdio()
    {
        // Arrange
        string[] dnx = ["dnx", $"Sentrely.Mcp@{feed.Version}", "--yes", "--add-source", feed.Feed, "--"];

        // Act
        var version = await feed.RunAsync("dotnet", [.. dnx, "--version"]);
        var listed = await ListToolsOverStdioAsync("dotnet", [.. dnx, "serve", "--sandbox"]);

        // Assert
        Assert.True(version.ExitCode == 0, version.Stdout + version.Stderr);
        Assert.StartsWith(feed.Version + "+", version.Stdout.Trim(), StringComparison.Ordinal);
        Assert.Equal(12, listed.Count);
        Assert.Contains("describe-instances", listed);
    }

    // initialize + tools/list through the C# SDK's stdio client, exactly as an MCP host would start the installed command.
    private async Task<List<string>> ListToolsOverStdioAsync(string command, string[] args)
    {
        var transport = new StdioClientTransport(new StdioClientTransportOptions
        {
            Name = "sentrely-installed",
            Command = command,
            Arguments = args,
            WorkingDirectory = feed.WorkFolder,
            EnvironmentVariables = feed.Environment,
        });
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await using var client = await McpClient.CreateAsync(transport, new McpClientOptions { ClientInfo = new() { Name = "sentrely-package-e2e", Version = "1.0" } }, cancellationToken: timeout.Token);
        Assert.StartsWith("Sentrely", client.ServerInfo?.Name ?? "", StringComparison.OrdinalIgnoreCase);
        var tools = await client.ListToolsAsync(cancellationToken: timeout.Token);
        return tools.Select(t => t.Name).ToList();
    }
}
