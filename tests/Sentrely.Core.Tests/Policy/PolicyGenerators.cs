using CsCheck;
using Sentrely.Arguments;
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
        "arn:aws:s3:::app/builds/1.zip", "arn:aws:s3:::app/prod/1.zip", "arn:aws:s3:::app/PROD/1.zip", "arn:aws:s3:::other/x",
        "arn:aws:ec2:us-east-1:111122223333:instance/*", "*",
    ];

    private static readonly string[] ResourceGlobs = ["arn:aws:s3:::app/builds/*", "arn:aws:s3:::app/*", "arn:aws:*:*:*:*prod*", "arn:aws:ec2:*", "*", "arn:aws:s3:::other/x"];

    private static readonly string[] Developers = ["jordan", "alex", "sam"];

    private static readonly string[] Projects = ["backend-api", "web"];

    private static readonly string[] InstanceTypes = ["t3.micro", "t3.large", "m5.large", "Ｔ3.micro"];

    private static readonly string[] Counts = ["1", "2", "3"];

    private static readonly string[] Digests = ["aa", "bb"];

    private static readonly Gen<ArgumentCondition> Condition = Gen.OneOf<ArgumentCondition>(
        Subset(["t3.*", "m5.large", "t3.micro", "T3.*"]).Select(values => new ArgumentCondition("instanceType", AnyOf: values)),
        Subset(["t3.*", "m5.large"]).Select(values => new ArgumentCondition("instanceType") { NoneOf = values }),
        Gen.OneOf("t3.", "m5.", "T3.").Select(prefix => new ArgumentCondition("instanceType", Prefix: prefix)),
        Gen.Bool.Select(absent => new ArgumentCondition("instanceType") { Absent = absent }),
        Gen.Int[1, 3].Select(max => new ArgumentCondition("count", Max: max)),
        Gen.Int[1, 3].Select(min => new ArgumentCondition("count", Min: min)),
        Gen.Select(Gen.OneOf("Team", "T*", "Env"), Subset(["web", "api", "W*"]), (key, values) => new ArgumentCondition("tags") { Entries = [new ArgumentCondition(key, AnyOf: values)] }),
        Gen.OneOf("Team", "Env").Select(key => new ArgumentCondition("tags") { Entries = [new ArgumentCondition(key) { Absent = true }] }),
        Subset(Digests).Select(digests => new ArgumentCondition("text") { Sha256 = digests }),
        Gen.Int[1, 20].Select(max => new ArgumentCondition("text", Max: max)));

    private static readonly Gen<ApprovalRequirement> Approval = Gen.OneOf(ApprovalRequirement.None, ApprovalRequirement.Required, new ApprovalRequirement(ApprovalLevel.Reviewer, 120));

    /// <summary>Gets a rule with an empty id; <see cref="Rules"/> numbers them. Only deny rules get <c>caseInsensitive</c>, as the loader requires.</summary>
    public static Gen<PolicyRule> Rule { get; } = Gen.Select(
        Gen.Bool,
        Subset(ToolGlobs),
        Gen.Select(Maybe(Subset(ResourceGlobs)), Maybe(Subset(ResourceGlobs))),
        Maybe(Subset(Developers)),
        Maybe(Subset(Projects)),
        Condition.Array[0, 2],
        Approval,
        Gen.Bool,
        (deny, tools, patterns, developers, projects, when, approval, caseInsensitive) =>
        {
            var (resources, notResources) = patterns;
            return new PolicyRule
            {
                Id = "",
                Effect = deny ? PolicyEffect.Deny : PolicyEffect.Allow,
                Tools = tools,
                Resources = resources,
                NotResources = notResources,
                CaseInsensitive = deny && caseInsensitive,
                Developers = developers,
                Projects = projects,
                When = when,
                Approval = deny ? ApprovalRequirement.None : approval,
            };
        });

    /// <summary>Gets 0–12 rules with distinct ids <c>r0</c>, <c>r1</c>, ….</summary>
    public static Gen<PolicyRule[]> Rules { get; } = Rule.Array[0, 12].Select(rules => rules.Select((r, i) => r with { Id = $"r{i}" }).ToArray());

    // Declared before Request: static initializers run in textual order.
    private static Gen<PolicyRequest> MainRequest { get; } = Gen.Select(
        Gen.OneOf(Tools),
        Gen.OneOf(Developers),
        Gen.OneOf(Projects),
        Gen.OneOf(Resources).Array[0, 3],
        Maybe(Gen.OneOf(InstanceTypes).Array[0, 2]),
        Gen.OneOf(Counts).Array[0, 1],
        Gen.Select(
            Maybe(Gen.Select(Gen.OneOf("Team", "Env", "team"), Gen.OneOf("web", "api", "WEB"), (k, v) => new[] { k, v })),
            Maybe(Gen.Select(Gen.OneOf(Digests), Gen.Int[0, 30], (d, n) => new[] { d, n.ToString(System.Globalization.CultureInfo.InvariantCulture) }))),
        Approval,
        (tool, developer, project, resources, types, count, extras, manifestApproval) =>
        {
            var (tag, content) = extras;
            var arguments = new Dictionary<string, PolicyValue> { ["count"] = PolicyValue.Of(count) };
            if (types is not null)
            {
                arguments["instanceType"] = PolicyValue.Of(types);
            }

            if (tag is not null)
            {
                arguments["tags"] = new PolicyValue([], Entries: new Dictionary<string, IReadOnlyList<string>> { [tag[0]] = [tag[1]] });
            }

            if (content is not null)
            {
                arguments["text"] = new PolicyValue([], Content: new ContentDigest(content[0], long.Parse(content[1], System.Globalization.CultureInfo.InvariantCulture)));
            }

            return new PolicyRequest(tool, developer, project, resources, arguments, manifestApproval);
        });

    /// <summary>Gets a call: tool, principal, 0–3 resources, 0–2 secondary resources and, sometimes, run-instances style arguments, tags and content.</summary>
    public static Gen<PolicyRequest> Request { get; } = Gen.Select(
        MainRequest,
        Gen.OneOf(Resources).Array[0, 2],
        (request, secondary) => request with { SecondaryResources = secondary });

    /// <summary>Gets an allow rule for everything, with no conditions.</summary>
    public static PolicyRule AllowAll { get; } = new() { Id = "allow-all", Effect = PolicyEffect.Allow, Tools = ["*"] };

    private static Gen<string[]> Subset(string[] values) => Gen.OneOf(values).Array[1, 3];

    private static Gen<T[]?> Maybe<T>(Gen<T[]> gen) =>
        Gen.Int[0, 2].SelectMany(n => n == 0 ? Gen.Const((T[]?)null) : gen.Select(v => (T[]?)v));
}
