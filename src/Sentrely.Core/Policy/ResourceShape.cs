namespace Sentrely.Policy;

/// <summary>
/// Gets what a tool's call resource can look like: a fixed string (<c>*</c>, the run-instances ARN) or a glob
/// whose <c>*</c> stand for the call's arguments.
/// </summary>
/// <param name="Text">The resource, or the glob.</param>
/// <param name="IsFixed">Whether every call has exactly this resource.</param>
public sealed record ResourceShape(string Text, bool IsFixed)
{
    /// <summary>Returns whether some call's resource could match <paramref name="pattern"/>.</summary>
    /// <param name="pattern">A rule's resource glob.</param>
    /// <param name="ignoreCase">Whether the rule compares case-insensitively (<c>caseInsensitive: true</c>).</param>
    public bool CanMatch(string pattern, bool ignoreCase = false) => IsFixed
        ? ignoreCase ? Glob.IsMatch(CaseFolding.Fold(pattern), CaseFolding.Fold(Text)) : Glob.IsMatch(pattern, Text)
        : GlobSets.Intersect(ignoreCase ? CaseFolding.Fold(pattern) : pattern, Text, ignoreCase);

    /// <summary>Returns true when every call resource of this shape matching <paramref name="pattern"/> surely matches <paramref name="cover"/>.</summary>
    /// <param name="cover">The covering glob (a deny rule's).</param>
    /// <param name="pattern">The covered glob (an allow rule's); null means any resource.</param>
    public bool Covered(string cover, string? pattern) => IsFixed
        ? Glob.IsMatch(cover, Text)
        : GlobSets.Covers(cover, Text) || (pattern is not null && GlobSets.Covers(cover, pattern));

    /// <inheritdoc />
    public override string ToString() => IsFixed ? $"`{Text}`" : $"`{Text}` (each `*` an argument)";
}
