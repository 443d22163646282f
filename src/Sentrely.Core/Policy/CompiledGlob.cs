namespace Sentrely.Policy;

/// <summary>
/// A glob prepared for repeated matching: cheap necessary checks (exact text, literal prefix and suffix, the
/// longest literal run, the minimum length) reject most values before <see cref="Glob.IsMatch(string, string)"/>
/// runs. Always agrees with <see cref="Glob"/>.
/// </summary>
internal sealed class CompiledGlob
{
    private readonly string _pattern;
    private readonly bool _literal;
    private readonly bool _matchesAll;
    private readonly string _prefix;
    private readonly string _suffix;
    private readonly string _longest;
    private readonly int _minLength;

    public CompiledGlob(string pattern)
    {
        _pattern = pattern;
        var first = pattern.AsSpan().IndexOfAny('*', '?');
        _literal = first < 0;
        _matchesAll = pattern.Length > 0 && pattern.AsSpan().IndexOfAnyExcept('*') < 0;
        var last = pattern.AsSpan().LastIndexOfAny('*', '?');
        _prefix = _literal ? pattern : pattern[..first];
        _suffix = _literal ? "" : pattern[(last + 1)..];
        _longest = pattern.Split(['*', '?']).MaxBy(s => s.Length) ?? "";
        _minLength = pattern.Length - pattern.AsSpan().Count('*');
    }

    public bool IsMatch(string value)
    {
        if (_literal)
        {
            return string.Equals(_pattern, value, StringComparison.Ordinal);
        }

        if (_matchesAll)
        {
            return true;
        }

        return value.Length >= _minLength
            && value.StartsWith(_prefix, StringComparison.Ordinal)
            && value.EndsWith(_suffix, StringComparison.Ordinal)
            && value.Contains(_longest, StringComparison.Ordinal)
            && Glob.IsMatch(_pattern, value);
    }

    public static CompiledGlob[] All(IReadOnlyList<string> patterns)
    {
        var compiled = new CompiledGlob[patterns.Count];
        for (var i = 0; i < compiled.Length; i++)
        {
            compiled[i] = new CompiledGlob(patterns[i]);
        }

        return compiled;
    }

    public static bool AnyMatch(CompiledGlob[] globs, string value)
    {
        foreach (var glob in globs)
        {
            if (glob.IsMatch(value))
            {
                return true;
            }
        }

        return false;
    }
}
