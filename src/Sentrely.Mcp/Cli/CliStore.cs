using System.CommandLine;
using Sentrely.Configuration;
using Sentrely.Mcp.Hosting;
using Sentrely.Stores;

namespace Sentrely.Mcp.Cli;

/// <summary>The store operator commands read and write: the configuration's (PostgreSQL or SQLite), or the sandbox's with <c>--sandbox</c>.</summary>
internal static class CliStore
{
    /// <summary>Loads the configuration (optional) and opens its store; null after printing configuration errors.</summary>
    public static ISentrelyStore? Open(ParseResult parse)
    {
        var config = CliConfiguration.Load(parse, new SentrelyTools().Catalog, required: false);
        return config is null ? null : Open(config, parse.GetValue(SentrelyCli.SandboxOption));
    }

    /// <summary>Opens <paramref name="config"/>'s store (the sandbox's SQLite file when <paramref name="sandbox"/>).</summary>
    public static ISentrelyStore Open(SentrelyConfig config, bool sandbox)
    {
        var path = StorePaths.For(config, sandbox);
        if (sandbox || config.Store.Postgres is null)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        }

        return StoreFactory.Open(config, path, TimeProvider.System, signer: null, sandbox);
    }
}
