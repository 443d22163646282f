namespace Sentrely.Policy;

/// <summary>Matches IAM-style globs: <c>*</c> is any run of characters (slashes and colons included), <c>?</c> one character.</summary>
public static class Glob
{
    /// <summary>Returns whether <paramref name="value"/> matches <paramref name="pattern"/>, ordinal and case-sensitive.</summary>
    /// <param name="pattern">The glob.</param>
    /// <param name="value">The value.</param>
    public static bool IsMatch(string pattern, string value) => IsMatch(pattern.AsSpan(), value.AsSpan());

    /// <summary>Returns whether <paramref name="pattern"/> contains a wildcard character.</summary>
    /// <param name="pattern">The glob.</param>
    public static bool HasWildcard(string pattern) => pattern.AsSpan().IndexOfAny('*', '?') >= 0;

    // Greedy matching with a single backtrack point: linear for the patterns policies use,
    // and never exponential (a hostile value cannot make a rule check slow).
    private static bool IsMatch(ReadOnlySpan<char> pattern, ReadOnlySpan<char> value)
    {
        int p = 0, v = 0, starP = -1, starV = 0;
        while (v < value.Length)
        {
            if (p < pattern.Length && (pattern[p] == '?' || pattern[p] == value[v]))
            {
                p++;
                v++;
            }
            else if (p < pattern.Length && pattern[p] == '*')
            {
                starP = p++;
                starV = v;
            }
            else if (starP >= 0)
            {
                p = starP + 1;
                v = ++starV;
            }
            else
            {
                return false;
            }
        }

        while (p < pattern.Length && pattern[p] == '*')
        {
            p++;
        }

        return p == pattern.Length;
    }
}
