using System.Text;
using System.Text.RegularExpressions;

namespace Sentrely.Manifests;

/// <summary>Parses <c>{name}</c> and <c>{name|default}</c> templates.</summary>
internal static partial class TemplateParser
{
    /// <summary>Parses <paramref name="template"/>; returns null and a reason when it is malformed.</summary>
    public static IReadOnlyList<TemplateSegment>? TryParse(string template, out string? problem)
    {
        problem = null;
        var segments = new List<TemplateSegment>();
        var literal = new StringBuilder();
        var i = 0;
        while (i < template.Length)
        {
            var c = template[i];
            if (c == '}')
            {
                problem = $"unmatched `}}` at position {i + 1}";
                return null;
            }

            if (c != '{')
            {
                literal.Append(c);
                i++;
                continue;
            }

            var end = template.IndexOf('}', i + 1);
            if (end < 0)
            {
                problem = $"unclosed `{{` at position {i + 1}";
                return null;
            }

            var body = template[(i + 1)..end];
            var bar = body.IndexOf('|', StringComparison.Ordinal);
            var name = bar < 0 ? body : body[..bar];
            var fallback = bar < 0 ? null : body[(bar + 1)..];
            if (!Name().IsMatch(name))
            {
                problem = $"`{{{body}}}` is not a placeholder: names are letters and digits, for example `{{bucket}}` or `{{subnetId|*}}`";
                return null;
            }

            if (fallback is not null && (fallback.Length == 0 || fallback.IndexOfAny(['{', '|']) >= 0))
            {
                problem = $"`{{{body}}}` has an empty or malformed default";
                return null;
            }

            if (literal.Length > 0)
            {
                segments.Add(new TemplateSegment(literal.ToString(), false));
                literal.Clear();
            }

            segments.Add(new TemplateSegment(name, true, fallback));
            i = end + 1;
        }

        if (literal.Length > 0)
        {
            segments.Add(new TemplateSegment(literal.ToString(), false));
        }

        return segments;
    }

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9]{0,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex Name();
}
