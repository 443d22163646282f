using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using Sentrely.TestUtilities;

namespace Sentrely.EndToEnd.Tests.Packaging;

/// <summary>
/// install.sh's decisions, checked with <c>--dry-run</c> or before anything is built (the real Native AOT publish takes minutes:
/// packaging/check-install.sh runs it).
/// </summary>
[UnsupportedOSPlatform("windows")]
public sealed class InstallScriptTests : IDisposable
{
    private static readonly string Script = Path.Combine(RepositoryRoot.Path, "install.sh");

    private readonly string _folder = Directory.CreateTempSubdirectory("sentrely-install-").FullName;

    [Fact]
    public async Task DryRun_ThisMachine_PublishesAotForItsRidIntoPrefix()
    {
        // Arrange
        var prefix = Path.Combine(_folder, "bin");

        // Act
        var (exit, stdout, stderr) = await RunAsync(["--dry-run"], ("PREFIX", prefix));

        // Assert
        Assert.True(exit == 0, stderr);
        Assert.Contains($"rid: {RuntimeInformation.RuntimeIdentifier}", stdout, StringComparison.Ordinal);
        Assert.Contains($"-c Release -r {RuntimeInformation.RuntimeIdentifier} -p:PublishAot=true", stdout, StringComparison.Ordinal);
        Assert.Contains(Path.Combine(RepositoryRoot.Path, "src", "Sentrely.Mcp", "Sentrely.Mcp.csproj"), stdout, StringComparison.Ordinal);
        Assert.Contains($"install: {prefix}/sentrely", stdout, StringComparison.Ordinal);
        Assert.False(Directory.Exists(prefix), "a dry run changes nothing");
    }

    [Fact]
    public async Task DryRun_OnlyVersionedClang_UsesItAsCompilerAndLinker()
    {
        // Arrange: a PATH with the tools the script needs and a fake clang-99, but no `clang`.
        var bin = FakeBin(withVersionedClang: true);

        // Act
        var (exit, stdout, stderr) = await RunAsync(["--dry-run", "--rid", "linux-x64"], ("PATH", bin));

        // Assert
        Assert.True(exit == 0, stderr);
        Assert.Contains("-p:CppCompilerAndLinker=clang-99", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NoClangAtAll_FailsNamingThePackagesToInstall()
    {
        // Arrange
        var bin = FakeBin(withVersionedClang: false);

        // Act
        var (exit, stdout, stderr) = await RunAsync(["--dry-run", "--rid", "linux-x64"], ("PATH", bin));

        // Assert
        Assert.Equal(1, exit);
        Assert.Contains("apt-get install clang zlib1g-dev", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("publish:", stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--rid", "linux-x64;rm -rf ~")]
    [InlineData("--rid", "../../etc")]
    [InlineData("--frobnicate", "")]
    public async Task HostileOrUnknownArguments_RefusedBeforeAnything(string option, string value)
    {
        // Act
        var (exit, stdout, _) = await RunAsync(value.Length == 0 ? [option, "--dry-run"] : [option, value, "--dry-run"]);

        // Assert
        Assert.Equal(1, exit);
        Assert.DoesNotContain("publish:", stdout, StringComparison.Ordinal);
    }

    // Symlinks to every command install.sh runs, plus (optionally) a clang-99 stand-in; /usr/bin stays off PATH so the real clang is invisible.
    private string FakeBin(bool withVersionedClang)
    {
        var bin = Directory.CreateDirectory(Path.Combine(_folder, withVersionedClang ? "bin-clang99" : "bin-noclang")).FullName;
        string[] commands = ["bash", "uname", "dirname", "grep", "sort", "tail", "head", "find", "mktemp", "rm", "sed", "ldd", "basename", "mkdir", "install", "mv", "dotnet"];
        foreach (var command in commands)
        {
            var target = Which(command);
            if (target is not null)
            {
                File.CreateSymbolicLink(Path.Combine(bin, command), target);
            }
        }

        if (withVersionedClang)
        {
            File.WriteAllText(Path.Combine(bin, "clang-99"), "#!/bin/sh\nexit 0\n");
            File.SetUnixFileMode(Path.Combine(bin, "clang-99"), UnixFileMode.UserRead | UnixFileMode.UserExecute);
        }

        return bin;
    }

    private static string? Which(string command) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Select(dir => Path.Combine(dir, command))
            .FirstOrDefault(File.Exists) is { } found ? Path.GetFullPath(new FileInfo(found).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? found) : null;

    private async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(string[] args, params (string Name, string Value)[] environment)
    {
        var info = new ProcessStartInfo(Which("bash") ?? "/bin/bash")
        {
            WorkingDirectory = _folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Script);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["HOME"] = _folder;
        info.Environment.Remove("PREFIX");
        info.Environment.Remove("SENTRELY_RID");
        info.Environment.Remove("SENTRELY_AOT_OUT");
        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }

        return await ChildProcess.RunAsync(info, TimeSpan.FromSeconds(60));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
