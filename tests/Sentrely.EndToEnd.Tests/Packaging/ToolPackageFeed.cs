using System.Diagnostics;
using System.Reflection;
using Sentrely.TestUtilities;

namespace Sentrely.EndToEnd.Tests.Packaging;

/// <summary>
/// Packs the already built <c>src/Sentrely.Mcp</c> (same configuration and Version as this test run, <c>--no-build</c>) into a
/// temporary local feed, with a private HOME, DOTNET_CLI_HOME, NuGet cache and a nuget.config that clears every other source:
/// installing from it never touches the real user's tools or needs nuget.org.
/// </summary>
public sealed class ToolPackageFeed : IAsyncLifetime
{
    private static readonly string Configuration =
        typeof(ToolPackageFeed).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";

    public string Root { get; } = Directory.CreateTempSubdirectory("sentrely-package-").FullName;

    public string Feed => Path.Combine(Root, "feed");

    public string Home => Path.Combine(Root, "home");

    /// <summary>Gets a folder holding a nuget.config with only <see cref="Feed"/>: commands run here restore offline.</summary>
    public string WorkFolder => Path.Combine(Root, "work");

    public string PackagePath { get; private set; } = "";

    /// <summary>Gets the package version, read from the packed file's name (Sentrely.Mcp.&lt;version&gt;.nupkg).</summary>
    public string Version { get; private set; } = "";

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Feed);
        Directory.CreateDirectory(Home);
        Directory.CreateDirectory(WorkFolder);
        await File.WriteAllTextAsync(
            Path.Combine(WorkFolder, "nuget.config"),
            $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="sentrely-test-feed" value="{Feed}" />
              </packageSources>
            </configuration>
            """);

        var project = Path.Combine(RepositoryRoot.Path, "src", "Sentrely.Mcp", "Sentrely.Mcp.csproj");
        var (exit, stdout, stderr) = await RunAsync("dotnet", ["pack", project, "-c", Configuration, "--no-build", "--no-restore", "-o", Feed, "-nologo"]);
        Assert.True(exit == 0, $"dotnet pack failed:\n{stdout}\n{stderr}");
        PackagePath = Assert.Single(Directory.GetFiles(Feed, "Sentrely.Mcp.*.nupkg"));
        Version = Path.GetFileNameWithoutExtension(PackagePath)["Sentrely.Mcp.".Length..];
    }

    public Task DisposeAsync()
    {
        Directory.Delete(Root, recursive: true);
        return Task.CompletedTask;
    }

    /// <summary>
    /// Gets the environment every packaging command runs with (null removes a variable): the private folders, no telemetry,
    /// no Sentrely settings, and none of the MSBuild variables a child of <c>dotnet test</c> inherits.
    /// </summary>
    public Dictionary<string, string?> Environment
    {
        get
        {
            var environment = System.Environment.GetEnvironmentVariables().Keys.Cast<string>()
                .Where(k => k.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase))
                .ToDictionary(k => k, _ => (string?)null);
            environment["HOME"] = Home;
            environment["DOTNET_CLI_HOME"] = Home;
            environment["NUGET_PACKAGES"] = Path.Combine(Root, "nuget-packages");
            environment["NUGET_HTTP_CACHE_PATH"] = Path.Combine(Root, "nuget-http-cache");
            environment["DOTNET_NOLOGO"] = "1";
            environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
            environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
            environment["SENTRELY_CONFIG"] = null;
            environment["XDG_CONFIG_HOME"] = null;
            environment["XDG_STATE_HOME"] = null;
            return environment;
        }
    }

    /// <summary>Runs a command in <see cref="WorkFolder"/> with <see cref="Environment"/> and returns its exit code and output.</summary>
    public async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(string command, IEnumerable<string> args)
    {
        var info = new ProcessStartInfo(command)
        {
            WorkingDirectory = WorkFolder,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        ChildProcess.SetEnvironment(info, Environment);

        return await ChildProcess.RunAsync(info, TimeSpan.FromMinutes(2));
    }
}
