using CsCheck;
using Sentrely.Policy;

namespace Sentrely.Core.Tests.Policy;

/// <summary>
/// CsCheck generators of rule sets and calls over a small universe of tools, resources, developers, projects and
/// argument values, so random rules and random calls often meet.
/// </summary>
internal static class PolicyGenerators
{
    public static readonly string[] Tools = ["get-build-artifact", "put-build-artifact", "run-instances", "describe-instances"];

    private static readonly string[] ToolGlobs = [.. Tools, "*", "get-*", "*-instances", "put-build-?rtifact"];

    private static readonly string[] Resources =
    [
        "arn:aws:s3:::app/builds/1.zip", "arn:aws:s3:::app/prod/1.zip", "arn:aws:s3:::other/x",
        "arn:aws:ec2:us-east-1:111122223333:instance/*", "*",
    ];

    private static readonly string[] ResourceGlobs = ["arn:aws:s3:::app/builds/*", "arn:aws:s3:::app/*", "arn:aws:*:*:*:*prod*", "arn:aws:ec2:*", "*", "arn:aws:s3:::other/x"];

    private static readonly string[] Developers = ["jordan", "alex", "sam"];

    private static readonly string[] Projects = ["backend-api", "web"];

    private static readonly string[] InstanceTypes = ["t3.micro", "t3.large", "m5.large"];

    private static readonly string[] Counts = ["1", "2", "3"];

    private static readonly Gen<ArgumentCondition> Condition = Gen.OneOf<ArgumentCondition>(
        Subset(["t3.*", "m5.large", "t3.micro"]).Select(values => new ArgumentCondition("instanceType", AnyOf: values)),
        Gen.OneOf("t3.", "m5.").Select(prefix => new ArgumentCondition("instanceType", Prefix: prefix)),
        Gen.Int[1, 3].Select(max => new ArgumentCondition("count", Max: max)),
        Gen.Int[1, 3].Select(min => new ArgumentCondition("count", Min: min)));

    private static readonly Gen<ApprovalRequirement> Approval = Gen.OneOf(ApprovalRequirement.None, ApprovalRequirement.Required, new ApprovalRequirement(ApprovalLevel.Reviewer, 120));

    /// <summary>Gets a rule with an empty id; <see cref="Rules"/> numbers them.</summary>
    public static Gen<PolicyRule> Rule { get; } = Gen.Select(
        Gen.Bool,
        Subset(ToolGlobs),
        Maybe(Subset(ResourceGlobs)),
        Maybe(Subset(Developers)),
        Maybe(Subset(Projects)),
        Condition.Array[0, 2],
        Approval,
        (deny, tools, resources, developers, projects, when, approval) => new PolicyRule
        {
            Id = "",
            Effect = deny ? PolicyEffect.Deny : PolicyEffect.Allow,
            Tools = tools,
            Resources = resources,
            Developers = developers,
            Projects = projects,
            When = when,
            Approval = deny ? ApprovalRequirement.None : approval,
        });

    /// <summary>Gets 0–12 rules with distinct ids <c>r0</c>, <c>r1</c>, ….</summary>
    public static Gen<PolicyRule[]> Rules { get; } = Rule.Array[0, 12].Select(rules => rules.Select((r, i) => r with { Id = $"r{i}" }).ToArray());

    // Declared before Request: static initializers run in textual order.
    private static Gen<PolicyRequest> MainRequest { get; } = Gen.Select(
        Gen.OneOf(Tools),
        Gen.OneOf(Developers),
        Gen.OneOf(Projects),
        Gen.OneOf(Resources).Array[0, 3],
        Gen.OneOf(InstanceTypes).Array[0, 2],
        Gen.OneOf(Counts).Array[0, 1],
        Approval,
        (tool, developer, project, resources, types, count, manifestApproval) => new PolicyRequest(
            tool,
            developer,
            project,
            resources,
            new Dictionary<string, IReadOnlyList<string>> { ["instanceType"] = types, ["count"] = count },
            manifestApproval));

    /// <summary>Gets a call: tool, principal, 0–3 resources, 0–2 secondary resources and, sometimes, run-instances style arguments.</summary>
    public static Gen<PolicyRequest> Request { get; } = Gen.Select(
        MainRequest,
        Gen.OneOf(Resources).Array[0, 2],
        (request, secondary) => request with { SecondaryResources = secondary });

    /// <summary>Gets an allow rule for everything, with no conditions.</summary>
    public static PolicyRule AllowAll { get; } = new() { Id = "allow-all", Effect = PolicyEffect.Allow, Tools = ["*"] };

    private static Gen<string[]> Subset(string[] values) => Gen.OneOf(values).Array[1, 3];

    private static Gen<string[]?> Maybe(Gen<string[]> gen) => 
        Gen.Int[0, 2].SelectMany(n => n == 0 ? Gen.Const((string[]?)null) : gen.Select(v => (string[]?)v));
}
