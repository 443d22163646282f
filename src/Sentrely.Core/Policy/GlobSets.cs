namespace Sentrely.Policy;

/// <summary>
/// Compares two globs (<c>*</c> any run, <c>?</c> one character) as sets of strings, for policy warnings.
/// Both answers err on the side of silence: <c>Covers</c> says true only when certain.
/// </summary>
internal static class GlobSets
{
    // Longer inputs get the silent answer rather than a deep recursion: no real ARN pattern is this long.
    private const int MaxLength = 4096;

    /// <summary>Returns whether some string matches both <paramref name="a"/> and <paramref name="b"/>.</summary>
    public static bool Intersect(string a, string b)
    {
        if (a.Length + b.Length > MaxLength)
        {
            return true;
        }

        var memo = new Dictionary<(int, int), bool>();
        return Intersect(a, 0, b, 0, memo);
    }

    /// <summary>
    /// Returns true when every string matching <paramref name="specific"/> also matches <paramref name="general"/>.
    /// Sound but not complete: the specific glob is read as a word whose <c>*</c> only a <c>*</c> of the general glob may absorb.
    /// </summary>
    public static bool Covers(string general, string specific)
    {
        if (general.Length + specific.Length > MaxLength)
        {
            return false;
        }

        var memo = new Dictionary<(int, int), bool>();
        return Covers(general, 0, specific, 0, memo);
    }

    private static bool Intersect(string a, int i, string b, int j, Dictionary<(int, int), bool> memo)
    {
        if (memo.TryGetValue((i, j), out var known))
        {
            return known;
        }

        bool result;
        if (i == a.Length && j == b.Length)
        {
            result = true;
        }
        else if (i < a.Length && a[i] == '*')
        {
            // The star matches nothing, or swallows b's next symbol (a whole star of b included).
            result = Intersect(a, i + 1, b, j, memo) || (j < b.Length && Intersect(a, i, b, j + 1, memo));
        }
        else if (j < b.Length && b[j] == '*')
        {
            result = Intersect(a, i, b, j + 1, memo) || (i < a.Length && Intersect(a, i + 1, b, j, memo));
        }
        else
        {
            result = i < a.Length && j < b.Length && (a[i] == '?' || b[j] == '?' || a[i] == b[j]) && Intersect(a, i + 1, b, j + 1, memo);
        }

        memo[(i, j)] = result;
        return result;
    }

    private static bool Covers(string g, int i, string s, int j, Dictionary<(int, int), bool> memo)
    {
        if (memo.TryGetValue((i, j), out var known))
        {
            return known;
        }

        bool result;
        if (i == g.Length)
        {
            result = j == s.Length;
        }
        else if (g[i] == '*')
        {
            result = Covers(g, i + 1, s, j, memo) || (j < s.Length && Covers(g, i, s, j + 1, memo));
        }
        else if (j == s.Length || s[j] == '*')
        {
            // A star of the specific glob can be any run: only a star of the general glob is sure to match it.
            result = false;
        }
        else
        {
            result = (g[i] == '?' || (g[i] == s[j] && s[j] != '?')) && Covers(g, i + 1, s, j + 1, memo);
        }

        memo[(i, j)] = result;
        return result;
    }
}
