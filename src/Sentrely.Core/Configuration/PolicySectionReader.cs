using Sentrely.Policy;
using YamlDotNet.RepresentationModel;

namespace Sentrely.Configuration;

/// <summary>Reads the <c>policy</c> section.</summary>
internal static class PolicySectionReader
{
    private static readonly string[] Keys = ["rules", "rateLimits"];

    public static PolicyConfig Read(YamlNodeReader reader, YamlNode node, ToolCatalog tools, AwsConfig aws)
    {
        if (reader.MappingWithKeys(node, "policy", Keys) is not { } map)
        {
            return new PolicyConfig();
        }

        var rateLimits = map.TryGetValue("rateLimits", out var limitsEntry)
            ? new RateLimitReader(reader, tools).ReadAll(limitsEntry.Value, "policy.rateLimits")
            : [];

        // No rules (or `rules:` left empty) denies everything: the safe reading of an empty policy.
        if (!map.TryGetValue("rules", out var rulesEntry) || YamlNodeReader.IsNull(rulesEntry.Value))
        {
            return new PolicyConfig { RateLimits = rateLimits };
        }

        if (rulesEntry.Value is not YamlSequenceNode sequence)
        {
            reader.Error(rulesEntry.Value, "policy.rules", ConfigErrorCodes.WrongType, "expected a list of rules (each item starts with `- id: …`)");
            return new PolicyConfig { RateLimits = rateLimits };
        }

        var rules = new List<PolicyRule>();
        var ruleReader = new PolicyRuleReader(reader, tools, aws);
        for (var i = 0; i < sequence.Children.Count; i++)
        {
            if (ruleReader.Read(sequence.Children[i], FieldPath.Index("policy.rules", i)) is { } rule)
            {
                rules.Add(rule);
            }
        }

        return new PolicyConfig { Rules = rules, RateLimits = rateLimits };
    }
}
