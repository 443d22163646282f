using System.Text;
using Sentrely.Configuration;

namespace Sentrely.Fuzz;

/// <summary>
/// YAML text into the configuration loader (every section, policy rules and their conditions included): it either
/// returns a configuration or throws a <see cref="ConfigException"/> whose every error has a SEN code and a position,
/// never anything else, and never takes long.
/// </summary>
public sealed class ConfigTarget : IFuzzTarget
{
    /// <summary>Inputs are cut here: the loader's own cap is 1 MiB, and a fuzzer learns nothing from megabytes.</summary>
    public const int MaxInputBytes = 16 * 1024;

    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(5);

    /// <inheritdoc/>
    public string Name => "config";

    /// <inheritdoc/>
    public IReadOnlyList<string> Dictionary { get; } =
    [
        "aws:", "accountId: \"111122223333\"", "roles:", "read: arn:aws:iam::111122223333:role/r", "policy:", "rules:", "- id: r",
        "effect: allow", "effect: deny", "tools: [put-build-artifact]", "when:", "resources:", "approvals:", "limits:", "files:",
        "roots: [", "server:", "store:", "identity:", "telemetry:", "*", "?", "${", "&a", "*a", "!!str", "{", "[", "\t", "\"\\u0000\"",
        ": ", "\n  ", "\n    ", "---\n", "...\n", "#", "'", "\"", "~", "0x1F", "1e309", "-1", "null",
    ];

    /// <inheritdoc/>
    public void Run(byte[] data)
    {
        var text = Encoding.UTF8.GetString(data, 0, Math.Min(data.Length, MaxInputBytes));
        try
        {
            TimeBound.Run("loading the configuration", Bound, () => SentrelyConfigLoader.Parse(text, "fuzz.yaml", FuzzToolCatalog.Catalog));
        }
        catch (ConfigException e)
        {
            FuzzInvariantException.Assert(e.Errors.Count > 0, "a ConfigException without errors");
            foreach (var error in e.Errors)
            {
                FuzzInvariantException.Assert(
                    error.Code.StartsWith("SEN", StringComparison.Ordinal) && error.Message.Length > 0 && error.File == "fuzz.yaml" && error.Line >= 0,
                    $"a config error without code, message or position: {error}");
            }
        }
    }
}
