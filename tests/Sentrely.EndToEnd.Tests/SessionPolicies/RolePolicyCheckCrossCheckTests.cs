using Sentrely.Iam;
using Sentrely.Sandbox.IamCheck;
using static Sentrely.EndToEnd.Tests.SessionPolicies.IamIdentitySimulator;

namespace Sentrely.EndToEnd.Tests.SessionPolicies;

/// <summary>
/// <c>iam check</c> judged by an independent IAM evaluator: for role policies that are exact, too narrow, too wide, with a
/// Deny or with NotAction, its Missing verdict on every planned grant agrees with iam-simulate on a concrete request, and
/// every neighbour request iam-simulate allows is covered by a reported excess.
/// </summary>
public sealed class RolePolicyCheckCrossCheckTests
{
    private const string Builds = "arn:aws:s3:::my-app-deployments/builds/*";
    private const string Functions = "arn:aws:lambda:us-east-1:111122223333:function:webhooks-*";
    private const string Instances = "arn:aws:ec2:us-east-1:111122223333:instance/*";

    private static readonly IamGrant[] Grants =
    [
        new("put-build-artifact", "deploy-builds", new("PutBuilds", "Allow", ["s3:PutObject"], [Builds], [])),
        new("get-build-artifact", "read-builds", new("GetBuilds", "Allow", ["s3:GetObject"], [Builds], [])),
        new("list-build-artifacts", "read-builds", new("ListBuilds", "Allow", ["s3:ListBucket"], ["arn:aws:s3:::my-app-deployments"], [new("StringLike", "s3:prefix", ["builds/*"])])),
        new("update-function-code", "deploy-webhooks", new("UpdateWebhooks", "Allow", ["lambda:UpdateFunctionCode", "lambda:GetFunctionConfiguration"], [Functions], [])),
        new("run-instances", "small-instances", new("RunSmall", "Allow", ["ec2:RunInstances"], [Instances], [new("StringLike", "ec2:InstanceType", ["t3.micro", "t3.small"])])),
        new("run-instances", "small-instances", new("RunSubnets", "Allow", ["ec2:RunInstances"], ["arn:aws:ec2:us-east-1:111122223333:subnet/*"], [])),
        new("describe-instances", "describe", new("Describe", "Allow", ["ec2:DescribeInstances"], ["*"], [])),
    ];

    private static readonly RolePlan Role = new()
    {
        Key = "deploy",
        RoleArn = "arn:aws:iam::111122223333:role/sentrely-agent-deploy",
        RoleName = "sentrely-agent-deploy",
        RolePath = "/",
        Grants = Grants,
        Policies = [new IamPolicyDocument(Grants.Select(g => g.Statement).ToList())],
        Trust = new IamPolicyDocument([]),
    };

    private static readonly (string Action, string Resource, Dictionary<string, string> Context)[] Neighbours =
    [
        ("s3:DeleteObject", "arn:aws:s3:::my-app-deployments/builds/x", []),
        ("s3:PutObject", "arn:aws:s3:::my-app-deployments/secrets.env", []),
        ("s3:PutObject", "arn:aws:s3:::other-bucket/builds/x", []),
        ("s3:GetObject", "arn:aws:s3:::other-bucket/x", []),
        ("s3:ListBucket", "arn:aws:s3:::my-app-deployments", new() { ["s3:prefix"] = "secrets/" }),
        ("s3:PutBucketPolicy", "arn:aws:s3:::my-app-deployments", []),
        ("lambda:UpdateFunctionCode", "arn:aws:lambda:us-east-1:111122223333:function:payments-prod", []),
        ("lambda:DeleteFunction", "arn:aws:lambda:us-east-1:111122223333:function:webhooks-x", []),
        ("lambda:UpdateFunctionConfiguration", "arn:aws:lambda:us-east-1:111122223333:function:webhooks-x", []),
        ("ec2:RunInstances", "arn:aws:ec2:us-east-1:111122223333:instance/x", new() { ["ec2:InstanceType"] = "p4d.24xlarge" }),
        ("ec2:RunInstances", "arn:aws:ec2:us-east-1:111122223333:key-pair/admin", []),
        ("ec2:TerminateInstances", "arn:aws:ec2:us-east-1:111122223333:instance/i-0123456789abcdef0", []),
        ("iam:CreateUser", "arn:aws:iam::111122223333:user/x", []),
        ("sts:AssumeRole", "arn:aws:iam::111122223333:role/admin", []),
    ];

    public static TheoryData<string, bool> Policies => new()
    {
        { "exact", false },
        { "narrow", false },
        { "wide-action", true },
        { "wide-resource", true },
        { "wide-condition", true },
        { "deny", false },
        { "not-action", true },
    };

    [Theory]
    [MemberData(nameof(Policies))]
    public async Task Check_AgreesWithIamSimulate(string name, bool wide)
    {
        // Arrange
        var policy = Policy(name);
        var grantCases = GrantCases(name, policy).ToList();
        var neighbourCases = Neighbours.Select((n, i) => new Case($"{name} neighbour {i}: {n.Action} {n.Resource}", policy, n.Action, n.Resource, n.Context)).ToList();

        // Act
        var report = RolePolicyCheck.Check(policy, Role);
        var simulated = await EvaluateAsync(grantCases.Select(g => g.Case).Concat(neighbourCases));

        // Assert
        Assert.Empty(report.Problems);
        Assert.All(simulated, kv => Assert.DoesNotContain("error", kv.Value, StringComparison.Ordinal));
        foreach (var group in grantCases.GroupBy(g => (g.Grant, g.Action, g.Resource)))
        {
            var simulatorAllows = group.All(g => simulated[g.Case.Id] == "Allowed");
            var checkAllows = !report.Missing.Any(m => m.Tool == group.Key.Grant.Tool && m.Action == group.Key.Action && m.Resource == group.Key.Resource);
            Assert.True(simulatorAllows == checkAllows, $"{name}: {group.Key.Action} on {group.Key.Resource}: iam-simulate allows={simulatorAllows}, iam check allows={checkAllows}");
        }

        var allowedNeighbours = neighbourCases.Where(c => simulated[c.Id] == "Allowed").ToList();
        Assert.All(allowedNeighbours, c => Assert.True(report.Excess.Any(e => Covers(e, c)), $"{c.Id} is allowed but no excess covers it: {string.Join("; ", report.Excess.Select(e => e.Reason))}"));
        Assert.Equal(wide, allowedNeighbours.Count > 0);
        Assert.Equal(wide, report.Excess.Count > 0);
    }

    private static string Policy(string name)
    {
        var statements = Grants.Select(g => g.Statement).ToList();
        IamStatement Allow(string? sid, string action, string resource) => new(sid, "Allow", [action], [resource], []);
        switch (name)
        {
            case "narrow":
                statements[0] = Allow("PutBuilds", "s3:PutObject", "arn:aws:s3:::my-app-deployments/builds/1.0/*");
                statements[4] = statements[4] with { Conditions = [new("StringEquals", "ec2:InstanceType", ["t3.micro"])] };
                statements.RemoveAt(6);
                break;
            case "wide-action":
                statements.Add(Allow("AllS3", "s3:*", "arn:aws:s3:::my-app-deployments*"));
                break;
            case "wide-resource":
                statements[0] = Allow("PutAnywhere", "s3:PutObject", "*");
                statements[3] = statements[3] with { Resources = ["arn:aws:lambda:us-east-1:111122223333:function:*"] };
                break;
            case "wide-condition":
                statements[4] = statements[4] with { Conditions = [] };
                break;
            case "deny":
                statements.Add(new IamStatement("NoLambdaWrites", "Deny", ["lambda:Update*"], ["*"], []));
                break;
            case "not-action":
                statements.Add(new IamStatement("AllButIam", "Allow", ["iam:*"], ["*"], []));
                return new IamPolicyDocument(statements).ToJson().Replace("\"Action\":\"iam:*\"", "\"NotAction\":\"iam:*\"", StringComparison.Ordinal);
        }

        return new IamPolicyDocument(statements).ToJson();
    }

    /// <summary>One concrete request per grant action × resource × condition value: each <c>*</c> becomes <c>x</c>.</summary>
    private static IEnumerable<(IamGrant Grant, string Action, string Resource, Case Case)> GrantCases(string name, string policy)
    {
        var n = 0;
        foreach (var grant in Grants)
        {
            var values = grant.Statement.Conditions.Select(c => (c.Key, Values: c.Values.Select(Concrete).ToList())).ToList();
            var contexts = values.Count == 0
                ? [new Dictionary<string, string>()]
                : values[0].Values.Select(v => new Dictionary<string, string> { [values[0].Key] = v }).ToList();
            foreach (var action in grant.Statement.Actions)
            {
                foreach (var resource in grant.Statement.Resources)
                {
                    foreach (var context in contexts)
                    {
                        yield return (grant, action, resource, new Case($"{name} grant {n++}: {action} {resource}", policy, action, resource == "*" ? "*" : Concrete(resource), context));
                    }
                }
            }
        }
    }

    private static string Concrete(string pattern) => pattern.Replace('*', 'x');

    private static bool Covers(ExcessGrant excess, Case request)
    {
        static bool Any(string? patterns, string value, bool ignoreCase) =>
            patterns is not null && patterns.Split(", ").Any(p => Sentrely.Policy.Glob.IsMatch(ignoreCase ? p.ToLowerInvariant() : p, ignoreCase ? value.ToLowerInvariant() : value));

        return excess.Kind switch
        {
            ExcessKind.NotAction => !Any(excess.Action, request.Action, ignoreCase: true),
            ExcessKind.NotResource => Any(excess.Action, request.Action, ignoreCase: true),
            _ => Any(excess.Action, request.Action, ignoreCase: true) && Any(excess.Resource, request.Resource, ignoreCase: false),
        };
    }
}
