using System.CommandLine;
using Sentrely.Configuration;

namespace Sentrely.Mcp.Cli;

/// <summary>Finds and loads the configuration for a command, reporting problems as DESIGN.md's exit code 2.</summary>
internal static class CliConfiguration
{
    /// <summary>Returns the configuration, a default one when none exists and <paramref name="required"/> is false, or null after printing why not.</summary>
    public static SentrelyConfig? Load(ParseResult parse, ToolCatalog catalog, bool required)
    {
        ConfigLocation? location;
        try
        {
            location = ConfigLocator.Locate(parse.GetValue(SentrelyCli.ConfigOption), Environment.GetEnvironmentVariable);
        }
        catch (ConfigException ex)
        {
            Print(ex);
            return null;
        }

        if (location is null)
        {
            if (!required)
            {
                return new SentrelyConfig();
            }

            Console.Error.WriteLine(
                "sentrely: no configuration found. Create ~/.config/sentrely/sentrely.yaml (start from examples/sentrely.yaml), " +
                "or pass --config FILE / set SENTRELY_CONFIG. Without a policy every call would be denied.");
            return null;
        }

        try
        {
            return SentrelyConfigLoader.Load(location.Path, catalog);
        }
        catch (ConfigException ex)
        {
            Print(ex);
            return null;
        }
    }

    private static void Print(ConfigException ex)
    {
        foreach (var error in ex.Errors)
        {
            Console.Error.WriteLine(error.ToString());
        }

        Console.Error.WriteLine($"sentrely: the configuration has {ex.Errors.Count} error(s); nothing was started.");
    }
}
