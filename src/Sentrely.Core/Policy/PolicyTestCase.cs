using System.Text.Json;

namespace Sentrely.Policy;

/// <summary>Gets one case of a <c>sentrely policy test</c> file: a call and the verdict it must get.</summary>
public sealed record PolicyTestCase
{
    /// <summary>Gets the case's name, unique in its file.</summary>
    public required string Name { get; init; }

    /// <summary>Gets where the case was written (<c>file:line</c>).</summary>
    public required string Source { get; init; }

    /// <summary>Gets the calling developer; null means the configuration's <c>identity.developer</c>.</summary>
    public string? Developer { get; init; }

    /// <summary>Gets the calling project; null means the configuration's <c>identity.project</c>.</summary>
    public string? Project { get; init; }

    /// <summary>Gets the tool name.</summary>
    public required string Tool { get; init; }

    /// <summary>Gets the arguments (a JSON object).</summary>
    public required JsonElement Arguments { get; init; }

    /// <summary>Gets the expected verdict: see <see cref="ExplainVerdicts"/>.</summary>
    public required string Expect { get; init; }

    /// <summary>Gets a rule id expected among the decision's rule ids; null when not checked.</summary>
    public string? Rule { get; init; }
}
