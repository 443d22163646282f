using Sentrely.Configuration;
using Sentrely.Iam;
using Sentrely.Manifests;
using Sentrely.Mcp.Hosting;
using Sentrely.TestUtilities;

namespace Sentrely.EndToEnd.Tests.SessionPolicies;

/// <summary>The example configurations and the plans the production planner makes for them, from the shipped manifests.</summary>
internal static class IamPlanFixtures
{
    public const string Account = "111122223333";
    public const string SameAccountBroker = "arn:aws:iam::111122223333:role/sentrely-broker";
    public const string OtherAccountBroker = "arn:aws:iam::444455556666:role/sentrely-broker";

    public static IReadOnlyList<ToolManifest> Manifests { get; } = EmbeddedManifests.Load();

    private static readonly ToolCatalog Catalog = new SentrelyTools().Catalog;

    /// <summary>examples/sentrely.yaml as shipped.</summary>
    public static SentrelyConfig ExampleConfig() => SentrelyConfigLoader.Parse(
        File.ReadAllText(Path.Combine(RepositoryRoot.Path, "examples", "sentrely.yaml")), "examples/sentrely.yaml", Catalog);

    /// <summary>The configuration of <see cref="SandboxWorld"/>: its account, roles, identity and policy rules.</summary>
    public static SentrelyConfig SandboxConfig() => SentrelyConfigLoader.Parse(
        $"""
        aws:
          region: us-east-1
          partition: aws
          accountId: "{Account}"
          roles:
            read: {SandboxWorld.ReadRole}
            deploy: {SandboxWorld.DeployRole}
        identity:
          developer: jordan
          project: backend-api
        policy:
          rules:
        """ + "\n" + string.Concat(SandboxWorld.PolicyRules.Split('\n').Where(l => l.Length > 0).Select(l => "    " + l + "\n")),
        "sandbox.yaml",
        Catalog);

    public static SentrelyConfig Config(string name) => name switch
    {
        "example" => ExampleConfig(),
        "sandbox" => SandboxConfig(),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "no such example config"),
    };

    public static IamPlan Plan(SentrelyConfig config, string broker = OtherAccountBroker)
    {
        var (plan, problems) = IamPlanner.Plan(config, Manifests, broker);
        Assert.Empty(problems);
        return plan;
    }

    /// <summary>Returns a role's identity policy documents as JSON, all of them (the packer may split one role's grants).</summary>
    public static IReadOnlyList<string> IdentityPolicies(IamPlan plan, string roleKey) =>
        [.. plan.Roles.Single(r => r.Key == roleKey).Policies.Select(p => p.ToJson())];
}
