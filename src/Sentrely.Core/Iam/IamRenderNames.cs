using System.Globalization;
using System.Text;

namespace Sentrely.Iam;

/// <summary>Names the renderers derive from role keys: CloudFormation logical ids and Terraform resource names.</summary>
internal static class IamRenderNames
{
    /// <summary>Returns one CloudFormation logical id stem per role (letters and digits, unique), in role order.</summary>
    public static IReadOnlyList<string> CloudFormationStems(IamPlan plan) =>
        Unique(plan.Roles.Select(r => "Role" + Pascal(r.Key)).ToList(), string.Empty);

    /// <summary>Returns one Terraform resource name per role (lowercase letters, digits, underscores, unique), in role order.</summary>
    public static IReadOnlyList<string> TerraformNames(IamPlan plan) =>
        Unique(plan.Roles.Select(r => Snake(r.Key)).ToList(), "_");

    private static string Pascal(string key)
    {
        var builder = new StringBuilder(key.Length);
        var upper = true;
        foreach (var c in key)
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                builder.Append(upper ? char.ToUpperInvariant(c) : c);
                upper = false;
            }
            else
            {
                upper = true;
            }
        }

        return builder.ToString();
    }

    private static string Snake(string key)
    {
        var builder = new StringBuilder(key.Length + 1);
        foreach (var c in key)
        {
            builder.Append(char.IsAsciiLetterOrDigit(c) ? char.ToLowerInvariant(c) : '_');
        }

        var name = builder.ToString().Trim('_');
        // Terraform names must not start with a digit; "role_" keeps them valid and distinct from fixed names.
        return name.Length == 0 || !char.IsAsciiLetter(name[0]) ? "role_" + name : name;
    }

    // Keys that differ only in punctuation ("deploy-prod", "deploy_prod") would collide; later ones get their position.
    private static List<string> Unique(List<string> names, string separator)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < names.Count; i++)
        {
            var name = names[i];
            if (name.Length == 0 || name.Equals("Role", StringComparison.Ordinal) || !seen.Add(name))
            {
                name = names[i] + separator + (i + 1).ToString(CultureInfo.InvariantCulture);
                while (!seen.Add(name))
                {
                    name += "x";
                }

                names[i] = name;
            }
        }

        return names;
    }
}
