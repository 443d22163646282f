namespace Sentrely.Policy;

/// <summary>
/// Compares two globs (<c>*</c> any run, <c>?</c> one character) as sets of strings — policy warnings, the IAM planner
/// and <c>iam check</c> — with IAM's case-insensitive action matching as an option. Both answers err on the safe side:
/// <c>Covers</c> says true only when certain.
/// </summary>
public static class GlobSets
{
    // Longer inputs get the conservative answer rather than a deep recursion: no real ARN pattern is this long.
    private const int MaxLength = 4096;

    /// <summary>Returns whether some string matches both globs; true (possibly overlapping) when too long to decide.</summary>
    /// <param name="a">A glob.</param>
    /// <param name="b">Another glob.</param>
    /// <param name="ignoreCase">Whether letters match regardless of case (IAM actions).</param>
    public static bool Intersect(string a, string b, bool ignoreCase = false) =>
        a.Length + b.Length > MaxLength || Intersect(a, 0, b, 0, Comparison(ignoreCase), []);

    /// <summary>
    /// Returns true only when every string matching <paramref name="specific"/> surely matches <paramref name="general"/>:
    /// a <c>*</c> of the specific glob is absorbed only by a <c>*</c> of the general one.
    /// </summary>
    /// <param name="general">The covering glob.</param>
    /// <param name="specific">The covered glob.</param>
    /// <param name="ignoreCase">Whether letters match regardless of case (IAM actions).</param>
    public static bool Covers(string general, string specific, bool ignoreCase = false) =>
        general.Length + specific.Length <= MaxLength && Covers(general, 0, specific, 0, Comparison(ignoreCase), []);

    private static StringComparison Comparison(bool ignoreCase) => ignoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;

    private static bool Same(string a, int i, string b, int j, StringComparison comparison) => string.Compare(a, i, b, j, 1, comparison) == 0;

    private static bool Intersect(string a, int i, string b, int j, StringComparison comparison, Dictionary<(int, int), bool> memo)
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
            result = Intersect(a, i + 1, b, j, comparison, memo) || (j < b.Length && Intersect(a, i, b, j + 1, comparison, memo));
        }
        else if (j < b.Length && b[j] == '*')
        {
            result = Intersect(a, i, b, j + 1, comparison, memo) || (i < a.Length && Intersect(a, i + 1, b, j, comparison, memo));
        }
        else
        {
            result = i < a.Length && j < b.Length && (a[i] == '?' || b[j] == '?' || Same(a, i, b, j, comparison))
                && Intersect(a, i + 1, b, j + 1, comparison, memo);
        }

        memo[(i, j)] = result;
        return result;
    }

    private static bool Covers(string g, int i, string s, int j, StringComparison comparison, Dictionary<(int, int), bool> memo)
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
            result = Covers(g, i + 1, s, j, comparison, memo) || (j < s.Length && Covers(g, i, s, j + 1, comparison, memo));
        }
        else if (j == s.Length || s[j] == '*')
        {
            result = false;
        }
        else
        {
            result = (g[i] == '?' || (s[j] != '?' && Same(g, i, s, j, comparison))) && Covers(g, i + 1, s, j + 1, comparison, memo);
        }

        memo[(i, j)] = result;
        return result;
    }
}
