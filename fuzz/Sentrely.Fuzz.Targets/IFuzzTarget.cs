namespace Sentrely.Fuzz;

/// <summary>One surface under fuzzing: takes arbitrary bytes and throws only when an invariant is broken.</summary>
public interface IFuzzTarget
{
    /// <summary>The target's name, also the name of its corpus folder (<c>fuzz/corpus/NAME</c>).</summary>
    string Name { get; }

    /// <summary>Tokens the mutator splices into inputs (keywords, tricky characters) to reach deeper code sooner.</summary>
    IReadOnlyList<string> Dictionary { get; }

    /// <summary>Runs one input. Returns normally when the surface behaved; throws <see cref="FuzzInvariantException"/> (or whatever escaped the surface) otherwise.</summary>
    /// <param name="data">The input bytes.</param>
    void Run(byte[] data);
}
