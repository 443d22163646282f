namespace Sentrely.Fuzz;

/// <summary>Every fuzz target, by name; add a new surface here and give it a seed folder under <c>fuzz/corpus</c>.</summary>
public static class FuzzTargets
{
    /// <summary>The targets, in the order <c>fuzz/run.sh</c> runs them.</summary>
    public static IReadOnlyList<IFuzzTarget> All { get; } = [new ConfigTarget(), new ArgumentsTarget(), new GlobTarget()];

    /// <summary>Returns the target named <paramref name="name"/>, or null.</summary>
    public static IFuzzTarget? Find(string name) => All.FirstOrDefault(t => t.Name == name);
}
