using Sentrely.Iam;

namespace Sentrely.Sandbox.Tests.IamCheck;

/// <summary>A hand-made plan for the deploy role in account 111122223333, as the planner would produce it.</summary>
internal static class SampleRoles
{
    public const string Builds = "arn:aws:s3:::my-app-deployments/builds/*";
    public const string Bucket = "arn:aws:s3:::my-app-deployments";
    public const string Functions = "arn:aws:lambda:us-east-1:111122223333:function:webhooks-*";
    public const string Instances = "arn:aws:ec2:us-east-1:111122223333:instance/*";
    public const string LaunchResources = "arn:aws:ec2:us-east-1:111122223333:subnet/*";

    public static IReadOnlyList<IamGrant> Grants { get; } =
    [
        Grant("put-build-artifact", "deploy-builds", "PutBuilds", ["s3:PutObject"], [Builds]),
        Grant("get-build-artifact", "read-builds", "GetBuilds", ["s3:GetObject"], [Builds]),
        Grant("list-build-artifacts", "read-builds", "ListBuilds", ["s3:ListBucket"], [Bucket], new IamCondition("StringLike", "s3:prefix", ["builds/*"])),
        Grant("update-function-code", "deploy-webhooks", "UpdateWebhooks", ["lambda:UpdateFunctionCode", "lambda:GetFunctionConfiguration"], [Functions]),
        Grant("run-instances", "small-instances", "RunSmall", ["ec2:RunInstances"], [Instances], new IamCondition("StringLike", "ec2:InstanceType", ["t3.micro", "t3.small"])),
        Grant("run-instances", "small-instances", "RunLaunchResources", ["ec2:RunInstances"], [LaunchResources]),
        Grant("describe-instances", "describe", "Describe", ["ec2:DescribeInstances"], ["*"]),
    ];

    public static RolePlan Deploy { get; } = new()
    {
        Key = "deploy",
        RoleArn = "arn:aws:iam::111122223333:role/sentrely-agent-deploy",
        RoleName = "sentrely-agent-deploy",
        RolePath = "/",
        Grants = Grants,
        Policies = [new IamPolicyDocument(Grants.Select(g => g.Statement).ToList())],
        Trust = new IamPolicyDocument(
        [
            new IamStatement("AssumeRole", "Allow", ["sts:AssumeRole"], [], [new IamCondition("StringLike", "sts:SourceIdentity", ["*"])]) { PrincipalAws = "arn:aws:iam::111122223333:role/sentrely-broker" },
            new IamStatement("TagSession", "Allow", ["sts:TagSession"], [], [new IamCondition("ForAllValues:StringEquals", "aws:TagKeys", ["actor", "tool"])]) { PrincipalAws = "arn:aws:iam::111122223333:role/sentrely-broker" },
            new IamStatement("SetSourceIdentity", "Allow", ["sts:SetSourceIdentity"], [], []) { PrincipalAws = "arn:aws:iam::111122223333:role/sentrely-broker" },
        ]),
    };

    /// <summary>Gets the exact policy: one statement per grant.</summary>
    public static string ExactPolicy => Deploy.Policies[0].ToJson();

    /// <summary>Returns the exact policy with the statement <paramref name="sid"/> replaced by <paramref name="replacement"/> (JSON), or removed when null.</summary>
    public static string Replace(string sid, string? replacement)
    {
        var statements = Grants.Where(g => g.Statement.Sid != sid).Select(g => new IamPolicyDocument([g.Statement]).ToJson())
            .Select(doc => doc[(doc.IndexOf('[', StringComparison.Ordinal) + 1)..doc.LastIndexOf(']')]).ToList();
        if (replacement is not null)
        {
            statements.Add(replacement);
        }

        return $$"""{"Version":"2012-10-17","Statement":[{{string.Join(",", statements)}}]}""";
    }

    /// <summary>Returns the exact policy plus the extra statements (JSON).</summary>
    public static string With(params string[] extra)
    {
        var exact = ExactPolicy;
        return exact[..exact.LastIndexOf(']')] + "," + string.Join(",", extra) + "]}";
    }

    private static IamGrant Grant(string tool, string rule, string sid, IReadOnlyList<string> actions, IReadOnlyList<string> resources, params IamCondition[] conditions) =>
        new(tool, rule, new IamStatement(sid, "Allow", actions, resources, conditions));
}
