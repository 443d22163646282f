using Sentrely.Manifests;

namespace Sentrely.Credentials;

/// <summary>Fills a manifest's IAM statement templates with one call's values.</summary>
public static class SessionPolicyBuilder
{
    /// <summary>Returns the filled statements; statements whose resources all drop out (absent optional arguments) are omitted.</summary>
    /// <param name="manifest">The tool manifest.</param>
    /// <param name="values">The call's template values (arguments, derived values, partition, region, account).</param>
    public static IReadOnlyList<SessionPolicyStatement> Build(ToolManifest manifest, IReadOnlyDictionary<string, IReadOnlyList<string>> values)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        var statements = new List<SessionPolicyStatement>(manifest.Iam.Count);
        foreach (var template in manifest.Iam)
        {
            var resources = template.Resources.SelectMany(r => ManifestTemplates.Expand(r, values)).Distinct(StringComparer.Ordinal).ToArray();
            if (resources.Length == 0)
            {
                continue;
            }

            var conditions = new List<SessionPolicyCondition>(template.Conditions.Count);
            var complete = true;
            foreach (var c in template.Conditions)
            {
                var filled = c.Values.SelectMany(v => ManifestTemplates.Expand(v, values)).Distinct(StringComparer.Ordinal).ToArray();

                // A condition whose value cannot be filled would silently widen the statement: drop the statement instead.
                complete &= filled.Length > 0;
                conditions.Add(new SessionPolicyCondition(c.Operator, c.Key, filled));
            }

            if (complete)
            {
                statements.Add(new SessionPolicyStatement(template.Actions, resources, conditions));
            }
        }

        return statements;
    }
}
