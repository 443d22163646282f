namespace Sentrely.Manifests;

/// <summary>Fills manifest templates (<c>{name}</c>, <c>{name|default}</c>) with a call's values.</summary>
public static class ManifestTemplates
{
    /// <summary>The most strings one template may expand into; more means an argument was not bounded.</summary>
    public const int MaxExpansions = 1000;

    /// <summary>
    /// Expands a template. A placeholder bound to several values yields one string per value (several list
    /// placeholders give every combination, in order). A placeholder whose value is absent or an empty list
    /// takes its default; without a default the whole template is dropped (an empty result).
    /// </summary>
    /// <param name="template">The template, for example <c>arn:{partition}:s3:::{bucket}/{key}</c>.</param>
    /// <param name="values">The values by placeholder name: arguments, handler-derived values and <c>partition</c>, <c>region</c>, <c>account</c>.</param>
    /// <returns>The expanded strings, without duplicates, in order.</returns>
    /// <exception cref="FormatException">The template is malformed.</exception>
    /// <exception cref="InvalidOperationException">The expansion exceeds <see cref="MaxExpansions"/>.</exception>
    public static IReadOnlyList<string> Expand(string template, IReadOnlyDictionary<string, IReadOnlyList<string>> values)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(values);
        var segments = TemplateParser.TryParse(template, out var problem) ?? throw new FormatException($"Malformed template: {problem}.");
        List<string> results = [""];
        foreach (var segment in segments)
        {
            IReadOnlyList<string> choices;
            if (!segment.IsPlaceholder)
            {
                choices = [segment.Text];
            }
            else if (values.TryGetValue(segment.Text, out var bound) && bound.Count > 0)
            {
                choices = bound;
            }
            else if (segment.Default is not null)
            {
                choices = [segment.Default];
            }
            else
            {
                return [];
            }

            if ((long)results.Count * choices.Count > MaxExpansions)
            {
                throw new InvalidOperationException($"The template expands into more than {MaxExpansions} strings.");
            }

            results = [.. results.SelectMany(prefix => choices.Select(choice => prefix + choice))];
        }

        return results.Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>Returns the placeholder names of one template, in order of first use.</summary>
    /// <exception cref="FormatException">The template is malformed.</exception>
    public static IReadOnlyList<string> Placeholders(string template)
    {
        ArgumentNullException.ThrowIfNull(template);
        var segments = TemplateParser.TryParse(template, out var problem) ?? throw new FormatException($"Malformed template: {problem}.");
        return segments.Where(s => s.IsPlaceholder).Select(s => s.Text).Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// Returns every placeholder a manifest uses (resources, secondary resources, IAM resources and condition values), in order
    /// of first use, so the startup check can compare them with the handler's arguments and derived values.
    /// </summary>
    public static IReadOnlyList<string> Placeholders(ToolManifest manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        var templates = manifest.Resources
            .Concat(manifest.SecondaryResources)
            .Concat(manifest.Iam.SelectMany(s => s.Resources.Concat(s.Conditions.SelectMany(c => c.Values))));
        return templates.SelectMany(Placeholders).Distinct(StringComparer.Ordinal).ToList();
    }
}
