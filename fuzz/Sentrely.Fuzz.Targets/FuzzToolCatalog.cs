using Sentrely.Aws.Tools;
using Sentrely.Configuration;
using Sentrely.Invocation;

namespace Sentrely.Fuzz;

/// <summary>The shipped AWS tool handlers and the catalog derived from them, as the server builds it.</summary>
internal static class FuzzToolCatalog
{
    /// <summary>The curated AWS tools' handlers; validation never reaches AWS, so no client is ever made.</summary>
    public static IReadOnlyList<IToolHandler> Handlers { get; } =
        AwsToolHandlers.Create(() => throw new InvalidOperationException("fuzzing validates only"), TimeProvider.System);

    /// <summary>The tools and their argument names, from the handlers' typed arguments.</summary>
    public static ToolCatalog Catalog { get; } = new(Handlers.ToDictionary(
        h => h.Name,
        h => (IReadOnlySet<string>)h.ArgumentsType.Properties.Select(p => p.Name).ToHashSet(StringComparer.Ordinal),
        StringComparer.Ordinal));
}
