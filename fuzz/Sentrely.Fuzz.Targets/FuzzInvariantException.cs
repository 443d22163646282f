namespace Sentrely.Fuzz;

/// <summary>A fuzz target's invariant did not hold for an input: a finding.</summary>
public sealed class FuzzInvariantException : Exception
{
    /// <summary>Creates the exception with the broken invariant.</summary>
    public FuzzInvariantException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception (for serializers and analyzers).</summary>
    public FuzzInvariantException()
    {
    }

    /// <summary>Creates the exception with the broken invariant and its cause.</summary>
    public FuzzInvariantException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Throws when <paramref name="condition"/> is false.</summary>
    public static void Assert(bool condition, string message)
    {
        if (!condition)
        {
            throw new FuzzInvariantException(message);
        }
    }
}
