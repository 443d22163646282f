namespace Sentrely.Configuration;

/// <summary>Matches <c>*</c> (any run of characters) and <c>?</c> (one character) globs, in linear time.</summary>
internal static class Glob
{
    /// <summary>Returns true when <paramref name="text"/> matches <paramref name="pattern"/> entirely (ordinal, case-sensitive).</summary>
    public static bool IsMatch(string pattern, string text)
    {
        int p = 0, t = 0, starP = -1, starT = 0;
        while (t < text.Length)
        {
            if (p < pattern.Length && (pattern[p] == '?' || pattern[p] == text[t]))
            {
                p++;
                t++;
            }
            else if (p < pattern.Length && pattern[p] == '*')
            {
                starP = p++;
                starT = t;
            }
            else if (starP >= 0)
            {
                p = starP + 1;
                t = ++starT;
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
