using Sentrely.Policy;

namespace Sentrely.Fuzz;

/// <summary>
/// Pattern and value into <see cref="Glob"/> and <see cref="CompiledGlob"/>: both agree with each other and with a plain
/// dynamic-programming matcher, and one match of a bounded pattern against a bounded value is fast.
/// Input: byte 0 splits the rest into pattern and value; bytes map onto a small alphabet so matches are likely.
/// </summary>
public sealed class GlobTarget : IFuzzTarget
{
    /// <summary>The longest pattern tried (policy globs are short).</summary>
    public const int MaxPattern = 64;

    /// <summary>The longest value tried.</summary>
    public const int MaxValue = 512;

    private const string PatternAlphabet = "ab*?/:*a\u00e9\ud83d";
    private const string ValueAlphabet = "ab/:a\u00e9\ud83d\ude00";
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(1);

    /// <inheritdoc/>
    public string Name => "glob";

    /// <inheritdoc/>
    public IReadOnlyList<string> Dictionary { get; } = ["\u0002", "\u0000", "\u0003", "\u0004", "\u0005"];

    /// <summary>Decodes an input into the pattern and the value it stands for.</summary>
    public static (string Pattern, string Value) Decode(byte[] data)
    {
        if (data.Length == 0)
        {
            return ("", "");
        }

        var rest = data.AsSpan(1);
        var split = Math.Min(data[0] % (MaxPattern + 1), rest.Length);
        var pattern = Map(rest[..split], PatternAlphabet);
        var value = Map(rest[split..][..Math.Min(rest.Length - split, MaxValue)], ValueAlphabet);
        return (pattern, value);
    }

    /// <inheritdoc/>
    public void Run(byte[] data)
    {
        var (pattern, value) = Decode(data);
        var greedy = TimeBound.Run("Glob.IsMatch", Bound, () => Glob.IsMatch(pattern, value));
        var compiled = TimeBound.Run("CompiledGlob.IsMatch", Bound, () => new CompiledGlob(pattern).IsMatch(value));
        var reference = ReferenceMatch(pattern, value);
        FuzzInvariantException.Assert(
            greedy == reference && compiled == reference,
            $"glob {pattern} on {value}: Glob {greedy}, CompiledGlob {compiled}, reference {reference}");
    }

    private static string Map(ReadOnlySpan<byte> bytes, string alphabet)
    {
        var chars = new char[bytes.Length];
        for (var i = 0; i < bytes.Length; i++)
        {
            chars[i] = alphabet[bytes[i] % alphabet.Length];
        }

        return new string(chars);
    }

    // The textbook O(pattern × value) matcher: slow but obviously right, the oracle for the fast ones.
    private static bool ReferenceMatch(string pattern, string value)
    {
        var row = new bool[value.Length + 1];
        row[0] = true;
        foreach (var p in pattern)
        {
            var next = new bool[value.Length + 1];
            next[0] = p == '*' && row[0];
            for (var v = 1; v <= value.Length; v++)
            {
                next[v] = p == '*' ? row[v] || next[v - 1] : row[v - 1] && (p == '?' || p == value[v - 1]);
            }

            row = next;
        }

        return row[value.Length];
    }
}
