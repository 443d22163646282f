using Sentrely.Configuration;

namespace Sentrely.Core.Tests.Configuration;

public sealed class ConfigLocatorTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("sentrely-locator-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void Locate_ExplicitPath_WinsOverEnvironment()
    {
        // Arrange
        var explicitFile = Touch("a/explicit.yaml");
        var envFile = Touch("b/env.yaml");

        // Act
        var location = ConfigLocator.Locate(explicitFile, Env(("SENTRELY_CONFIG", envFile)));

        // Assert
        Assert.Equal(new ConfigLocation(explicitFile, ConfigSource.CommandLine), location);
    }

    [Fact]
    public void Locate_EnvironmentVariable_UsedWithoutOption()
    {
        // Arrange
        var envFile = Touch("b/env.yaml");

        // Act
        var location = ConfigLocator.Locate(null, Env(("SENTRELY_CONFIG", envFile), ("XDG_CONFIG_HOME", _root)));

        // Assert
        Assert.Equal(new ConfigLocation(envFile, ConfigSource.EnvironmentVariable), location);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Locate_ExplicitFileMissing_Throws(bool viaOption)
    {
        // Arrange
        var missing = Path.Combine(_root, "missing.yaml");

        // Act
        var ex = Assert.Throws<ConfigException>(() => ConfigLocator.Locate(viaOption ? missing : null, Env(("SENTRELY_CONFIG", viaOption ? null : missing))));

        // Assert
        Assert.Equal(ConfigErrorCodes.FileNotFound, Assert.Single(ex.Errors).Code);
    }

    [Fact]
    public void Locate_XdgConfigHome_UsedBeforeHome()
    {
        // Arrange
        var xdgFile = Touch("xdg/sentrely/sentrely.yaml");
        Touch("home/.config/sentrely/sentrely.yaml");

        // Act
        var location = ConfigLocator.Locate(null, Env(("XDG_CONFIG_HOME", Path.Combine(_root, "xdg")), ("HOME", Path.Combine(_root, "home"))));

        // Assert
        Assert.Equal(new ConfigLocation(xdgFile, ConfigSource.XdgConfigHome), location);
    }

    [Fact]
    public void Locate_DefaultUnderHome_Found()
    {
        // Arrange
        var homeFile = Touch("home/.config/sentrely/sentrely.yaml");

        // Act
        var location = ConfigLocator.Locate(null, Env(("HOME", Path.Combine(_root, "home")), ("XDG_CONFIG_HOME", "relative/ignored")));

        // Assert
        Assert.Equal(new ConfigLocation(homeFile, ConfigSource.Default), location);
    }

    [Fact]
    public void Locate_NothingAtDefault_ReturnsNull()
    {
        // Act
        var location = ConfigLocator.Locate(null, Env(("HOME", Path.Combine(_root, "empty-home"))));

        // Assert
        Assert.Null(location);
    }

    [Fact]
    public void IsUnder_FileInsideOrOutside_Detected()
    {
        // Arrange
        var inside = Touch("project/sub/sentrely.yaml");
        var outside = Touch("projectx/sentrely.yaml");
        var project = Path.Combine(_root, "project");

        // Act / Assert
        Assert.True(ConfigLocator.IsUnder(inside, project));
        Assert.True(ConfigLocator.IsUnder(inside, project + "/"));
        Assert.False(ConfigLocator.IsUnder(outside, project));
    }

    [Fact]
    public void IsUnder_ConfigReachedThroughLinkIntoProject_True()
    {
        // Arrange: ~/.config/sentrely -> project/cfg, so the agent could write the config.
        var real = Touch("project/cfg/sentrely.yaml");
        Directory.CreateDirectory(Path.Combine(_root, "home"));
        Directory.CreateSymbolicLink(Path.Combine(_root, "home", "sentrely"), Path.Combine(_root, "project", "cfg"));

        // Act
        var under = ConfigLocator.IsUnder(Path.Combine(_root, "home", "sentrely", "sentrely.yaml"), Path.Combine(_root, "project"));

        // Assert
        Assert.True(File.Exists(real));
        Assert.True(under);
    }

    [Fact]
    public void IsUnder_DotDotAfterLink_ResolvedPhysically()
    {
        // Arrange: other/lnk -> project/sub; other/lnk/../x is project/x, not other/x.
        Touch("project/sub/keep");
        Touch("project/x.yaml");
        Directory.CreateDirectory(Path.Combine(_root, "other"));
        Directory.CreateSymbolicLink(Path.Combine(_root, "other", "lnk"), Path.Combine(_root, "project", "sub"));

        // Act
        var under = ConfigLocator.IsUnder(_root + "/other/lnk/../x.yaml", Path.Combine(_root, "project"));

        // Assert
        Assert.True(under);
    }

    [Fact]
    public void IsUnder_WorkingDirectoryIsLink_Resolved()
    {
        // Arrange
        var config = Touch("project/sentrely.yaml");
        Directory.CreateSymbolicLink(Path.Combine(_root, "wd"), Path.Combine(_root, "project"));

        // Act / Assert
        Assert.True(ConfigLocator.IsUnder(config, Path.Combine(_root, "wd")));
    }

    private string Touch(string relative)
    {
        var path = Path.Combine(_root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, "");
        return path;
    }

    private static Func<string, string?> Env(params (string Name, string? Value)[] values) =>
        name => values.FirstOrDefault(v => v.Name == name).Value;
}
