namespace Sentrely.Manifests;

// Placeholder until the manifest loader lands: same API, simplest behaviour.
public static class ManifestTemplates
{
    public static IReadOnlyList<string> Expand(string template, IReadOnlyDictionary<string, IReadOnlyList<string>> values)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(values);
        var results = new List<string> { "" };
        var i = 0;
        while (i < template.Length)
        {
            var open = template.IndexOf('{', i);
            if (open < 0)
            {
                results = results.ConvertAll(r => r + template[i..]);
                break;
            }

            var close = template.IndexOf('}', open);
            var literal = template[i..open];
            var spec = template[(open + 1)..close];
            var bar = spec.IndexOf('|', StringComparison.Ordinal);
            var name = bar < 0 ? spec : spec[..bar];
            IReadOnlyList<string> vals;
            if (values.TryGetValue(name, out var v) && v.Count > 0)
            {
                vals = v;
            }
            else if (bar >= 0)
            {
                vals = [spec[(bar + 1)..]];
            }
            else
            {
                return [];
            }

            results = results.SelectMany(r => vals.Select(x => r + literal + x)).ToList();
            i = close + 1;
        }

        return results;
    }

    public static IReadOnlyList<string> Placeholders(ToolManifest manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        var all = manifest.Resources
            .Concat(manifest.Iam.SelectMany(s => s.Resources.Concat(s.Conditions.SelectMany(c => c.Values))));
        var names = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var t in all)
        {
            var i = 0;
            while ((i = t.IndexOf('{', i)) >= 0)
            {
                var close = t.IndexOf('}', i);
                var spec = t[(i + 1)..close];
                var bar = spec.IndexOf('|', StringComparison.Ordinal);
                names.Add(bar < 0 ? spec : spec[..bar]);
                i = close + 1;
            }
        }

        return names.ToList();
    }
}
