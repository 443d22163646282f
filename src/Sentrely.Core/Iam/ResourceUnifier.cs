using System.Text;
using System.Text.RegularExpressions;
using Sentrely.Manifests;
using Sentrely.Policy;

namespace Sentrely.Iam;

/// <summary>
/// Reads a rule's resource glob as values of a manifest's call-resource template: for
/// <c>arn:aws:s3:::{bucket}/{key}</c> and <c>arn:aws:s3:::my-app/builds/*</c>, bucket = <c>my-app</c> and key =
/// <c>builds/*</c>. The answer is kept only when the template filled with it provably lies inside the glob, so a grant
/// built from it is never wider than the rule.
/// </summary>
internal static class ResourceUnifier
{
    private static readonly TimeSpan RegexTimeout = TimeSpan.FromSeconds(1);

    /// <summary>Returns the placeholder globs, or null when the rule's glob cannot be read (or cannot match) this template.</summary>
    /// <param name="template">The call-resource template with partition, region and account already filled in.</param>
    /// <param name="pattern">The rule's resource glob.</param>
    public static IReadOnlyDictionary<string, string>? Bind(string template, string pattern)
    {
        var segments = TemplateParser.TryParse(template, out _) ?? throw new FormatException($"malformed template `{template}`");
        var bound = Exact(segments, pattern) ?? Prefix(segments, pattern);
        if (bound is null)
        {
            return null;
        }

        var filled = string.Concat(segments.Select(s => s.IsPlaceholder ? bound[s.Text] : s.Text));
        return GlobSets.Covers(pattern, filled) ? bound : null;
    }

    // The glob spelled out in the template's shape: each placeholder captures what stands in its place.
    private static Dictionary<string, string>? Exact(IReadOnlyList<TemplateSegment> segments, string pattern)
    {
        var regex = new StringBuilder("^");
        var names = new List<string>();
        foreach (var segment in segments)
        {
            if (segment.IsPlaceholder)
            {
                regex.Append("(.*?)");
                names.Add(segment.Text);
            }
            else
            {
                regex.Append(Regex.Escape(segment.Text));
            }
        }

        var match = Regex.Match(pattern, regex.Append('$').ToString(), RegexOptions.Singleline | RegexOptions.CultureInvariant, RegexTimeout);
        if (!match.Success)
        {
            return null;
        }

        var bound = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < names.Count; i++)
        {
            var value = match.Groups[i + 1].Value;
            if (bound.TryGetValue(names[i], out var earlier) && earlier != value)
            {
                return null;
            }

            bound[names[i]] = value;
        }

        return bound;
    }

    // A glob whose wildcard swallows template text (`arn:aws:s3:::my*` against `…:::{bucket}/{key}`): read the
    // literal part before the first wildcard; the placeholder it ends in gets what it read plus `*`, later ones `*`.
    private static Dictionary<string, string>? Prefix(IReadOnlyList<TemplateSegment> segments, string pattern)
    {
        var wildcard = pattern.AsSpan().IndexOfAny('*', '?');
        if (wildcard < 0)
        {
            return null;
        }

        var rest = pattern[..wildcard];
        var bound = new Dictionary<string, string>(StringComparer.Ordinal);
        var open = false;
        for (var i = 0; i < segments.Count; i++)
        {
            var segment = segments[i];
            if (open)
            {
                if (segment.IsPlaceholder)
                {
                    bound.TryAdd(segment.Text, "*");
                }

                continue;
            }

            if (!segment.IsPlaceholder)
            {
                if (rest.StartsWith(segment.Text, StringComparison.Ordinal))
                {
                    rest = rest[segment.Text.Length..];
                    continue;
                }

                if (!segment.Text.StartsWith(rest, StringComparison.Ordinal))
                {
                    return null;
                }

                open = true;
                continue;
            }

            // The placeholder runs to the next literal when the prefix still shows it, else it takes the wildcard.
            var next = segments.Skip(i + 1).FirstOrDefault(s => !s.IsPlaceholder)?.Text;
            var end = string.IsNullOrEmpty(next) ? -1 : rest.IndexOf(next, StringComparison.Ordinal);
            if (end >= 0)
            {
                bound[segment.Text] = rest[..end];
                rest = rest[end..];
            }
            else
            {
                bound[segment.Text] = rest + "*";
                open = true;
            }
        }

        return open ? bound : null;
    }
}
