namespace Sentrely.Harness;

/// <summary>The variant names used in the table.</summary>
internal static class Labels
{
    public const string Aot = "sentrely AOT";
    public const string Jit = "sentrely JIT (framework-dependent)";
    public const string MinimalAot = "minimal server AOT";
    public const string MinimalJit = "minimal server JIT";
}
