using System.Globalization;
using Sentrely.Policy;

namespace Sentrely.Benchmarks;

/// <summary>A 200-rule policy in the shape a large team writes: allows and denies with resource globs, principals and conditions.</summary>
internal static class BenchmarkPolicy
{
    public const string Bucket = "my-app-deployments";
    public const string Key = "builds/1.0/app.zip";

    /// <summary>Gets the benchmarked call: a read of <see cref="Key"/>, allowed by the rule near the end.</summary>
    public static PolicyRequest Request { get; } = new(
        "get-build-artifact",
        "jordan",
        "backend-api",
        [$"arn:aws:s3:::{Bucket}/{Key}"],
        new Dictionary<string, PolicyValue> { ["bucket"] = PolicyValue.Of(Bucket), ["key"] = PolicyValue.Of(Key) },
        ApprovalRequirement.None);

    public static IReadOnlyList<PolicyRule> Rules(int count = 200)
    {
        var rules = new List<PolicyRule>(count);
        string[] tools = ["put-build-artifact", "get-build-artifact", "list-build-artifacts", "update-function-code", "get-function", "run-instances", "stop-instances"];
        for (var i = 0; rules.Count < count - 5; i++)
        {
            var n = i.ToString(CultureInfo.InvariantCulture);
            rules.Add((i % 5) switch
            {
                // Same tool as the call, another bucket: the tool glob matches, the resource glob must be scanned.
                0 => new PolicyRule { Id = $"team-{n}-builds", Effect = PolicyEffect.Allow, Tools = [tools[i % 3]], Resources = [$"arn:aws:s3:::team-{n}-deployments/builds/*"] },
                1 => new PolicyRule { Id = $"team-{n}-lambda", Effect = PolicyEffect.Allow, Tools = ["update-function-code", "get-function"], Resources = [$"arn:aws:lambda:us-east-1:111122223333:function:team-{n}-*"], Approval = ApprovalRequirement.Required },
                2 => new PolicyRule { Id = $"dev-{n}", Effect = PolicyEffect.Allow, Tools = ["*"], Developers = [$"dev-{n}"], Projects = ["backend-api"] },
                3 => new PolicyRule { Id = $"ec2-{n}", Effect = PolicyEffect.Allow, Tools = ["run-instances"], When = [new ArgumentCondition("instanceType", AnyOf: ["t3.*", "t4g.*"]), new ArgumentCondition("count", Max: 2)] },
                _ => new PolicyRule { Id = $"deny-{n}", Effect = PolicyEffect.Deny, Tools = ["*"], Resources = [$"arn:aws:*:*:*:*secret-{n}*"] },
            });
        }

        rules.Add(new PolicyRule { Id = "builds-rw", Effect = PolicyEffect.Allow, Tools = ["put-build-artifact", "get-build-artifact", "list-build-artifacts"], Resources = [$"arn:aws:s3:::{Bucket}/builds/*"] });
        rules.Add(new PolicyRule { Id = "jordan-only", Effect = PolicyEffect.Allow, Tools = ["describe-instances"], Developers = ["jordan"], Projects = ["backend-api"] });
        rules.Add(new PolicyRule { Id = "small-instances", Effect = PolicyEffect.Allow, Tools = ["run-instances"], When = [new ArgumentCondition("instanceType", AnyOf: ["t3.*"]), new ArgumentCondition("count", Max: 2)] });
        rules.Add(new PolicyRule { Id = "never-prod", Effect = PolicyEffect.Deny, Tools = ["*"], Resources = ["arn:aws:*:*:*:*prod*"] });
        rules.Add(new PolicyRule { Id = "never-admin", Effect = PolicyEffect.Deny, Tools = ["*"], Developers = ["intern"] });
        return rules;
    }
}
