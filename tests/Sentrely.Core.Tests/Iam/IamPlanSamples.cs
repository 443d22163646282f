using System.Text.Json;
using Sentrely.Iam;

namespace Sentrely.Core.Tests.Iam;

/// <summary>Hand-made plans shaped like the planner's output: roles read/deploy in account 111122223333.</summary>
internal static class IamPlanSamples
{
    public const string Broker = "arn:aws:iam::111122223333:role/sentrely-broker";

    public static readonly string[] TagKeys = ["agent-session", "developer", "project", "tool", "actor"];

    public const string EventPattern = """
        {"source":["aws.iam","aws.ec2","aws.s3","aws.lambda"],"detail-type":["AWS API Call via CloudTrail"],
         "detail":{"userIdentity":{"sessionContext":{"sourceIdentity":[{"prefix":"sentrely:"}]}},
                   "eventName":["TerminateInstances","AuthorizeSecurityGroupIngress",{"prefix":"Delete"},{"prefix":"Put"}]}}
        """;

    public static IamPlan Plan() => new()
    {
        Partition = "aws",
        Region = "eu-west-1",
        AccountId = "111122223333",
        Broker = Broker,
        Roles = [ReadRole(), DeployRole()],
        Alerts = new AlertPlan(EventPattern, "IAM, security-group, deletion and termination calls by sessions tagged actor=agent"),
    };

    public static IamPlan WithBoundary() => Plan() with
    {
        Boundary = new IamPolicyDocument(
        [
            Allow("BoundaryAllow", ["s3:*", "ec2:*", "lambda:*"], ["*"]),
            new IamStatement("BoundaryDenyIam", "Deny", ["iam:*", "organizations:*"], ["*"], []),
        ]),
    };

    public static JsonElement Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }

    /// <summary>Yields every JSON object in the tree, depth first.</summary>
    public static IEnumerable<JsonElement> Objects(JsonElement element)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            yield return element;
            foreach (var property in element.EnumerateObject())
            {
                foreach (var inner in Objects(property.Value))
                {
                    yield return inner;
                }
            }
        }
        else if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in element.EnumerateArray())
            {
                foreach (var inner in Objects(item))
                {
                    yield return inner;
                }
            }
        }
    }

    /// <summary>Yields every string value in the tree.</summary>
    public static IEnumerable<string> Strings(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => [element.GetString()!],
        JsonValueKind.Object => element.EnumerateObject().SelectMany(p => Strings(p.Value)),
        JsonValueKind.Array => element.EnumerateArray().SelectMany(Strings),
        _ => [],
    };

    private static RolePlan ReadRole()
    {
        IamGrant[] grants =
        [
            new("list-buckets", "reads-all", Allow("ListBuckets", ["s3:ListAllMyBuckets"], ["*"])) { Notes = ["s3:ListAllMyBuckets has no resource-level permissions: granted on *"] },
            new("get-build-artifact", "builds-ro", Allow("GetBuildArtifact", ["s3:GetObject"], ["arn:aws:s3:::my-app-deployments/builds/*"])),
            new("list-build-artifacts", "builds-ro", Allow("ListBuildArtifacts", ["s3:ListBucket"], ["arn:aws:s3:::my-app-deployments"],
                [new IamCondition("StringLike", "s3:prefix", ["builds/${aws:PrincipalTag/project}/*"])])),
            new("describe-instances", "ec2-read", Allow("DescribeInstances", ["ec2:DescribeInstances"], ["*"])),
        ];
        return new RolePlan
        {
            Key = "read",
            RoleArn = "arn:aws:iam::111122223333:role/sentrely/sentrely-read",
            RoleName = "sentrely-read",
            RolePath = "/sentrely/",
            Grants = grants,
            Policies = [new IamPolicyDocument([.. grants.Select(g => g.Statement)])],
            Trust = Trust(),
            UngrantedTools = ["delete-build-artifact"],
        };
    }

    private static RolePlan DeployRole()
    {
        IamGrant[] grants =
        [
            new("put-build-artifact", "builds-rw", Allow("PutBuildArtifact", ["s3:PutObject"], ["arn:aws:s3:::my-app-deployments/builds/*"])),
            new("run-instance", "ec2-small", Allow("RunInstancesInstance", ["ec2:RunInstances"], ["arn:aws:ec2:eu-west-1:111122223333:instance/*"],
                [new IamCondition("StringLike", "ec2:InstanceType", ["t3.micro", "t3.small"])]))
            {
                Notes = ["rule condition `args.MaxCount <= 2` is enforced by Sentrely, not IAM"],
            },
            new("run-instance", "ec2-small", Allow("RunInstancesOther", ["ec2:RunInstances"],
                ["arn:aws:ec2:eu-west-1::image/*", "arn:aws:ec2:eu-west-1:111122223333:subnet/*", "arn:aws:ec2:eu-west-1:111122223333:network-interface/*",
                 "arn:aws:ec2:eu-west-1:111122223333:security-group/*", "arn:aws:ec2:eu-west-1:111122223333:volume/*"])),
            new("invoke-function", "lambda-invoke", Allow("InvokeFunction", ["lambda:InvokeFunction"], ["arn:aws:lambda:eu-west-1:111122223333:function:my-app-*"])),
        ];
        return new RolePlan
        {
            Key = "deploy",
            RoleArn = "arn:aws:iam::111122223333:role/sentrely-deploy",
            RoleName = "sentrely-deploy",
            RolePath = "/",
            Grants = grants,
            // A second managed policy document, as the planner makes when one would exceed 6,144 characters.
            Policies = [new IamPolicyDocument([.. grants[..2].Select(g => g.Statement)]), new IamPolicyDocument([.. grants[2..].Select(g => g.Statement)])],
            Trust = Trust(),
        };
    }

    private static IamPolicyDocument Trust() => new(
    [
        new IamStatement("AssumeRole", "Allow", ["sts:AssumeRole"], [],
            [.. TagKeys.Select(k => new IamCondition("StringLike", "aws:RequestTag/" + k, ["?*"])), new IamCondition("StringLike", "sts:SourceIdentity", ["sentrely:*"])])
        { PrincipalAws = Broker },
        new IamStatement("TagSession", "Allow", ["sts:TagSession"], [],
            [new IamCondition("ForAllValues:StringEquals", "aws:TagKeys", TagKeys), new IamCondition("StringEquals", "aws:RequestTag/actor", ["agent", "developer"])])
        { PrincipalAws = Broker },
        new IamStatement("SetSourceIdentity", "Allow", ["sts:SetSourceIdentity"], [], [new IamCondition("StringLike", "sts:SourceIdentity", ["sentrely:*"])])
        { PrincipalAws = Broker },
    ]);

    private static IamStatement Allow(string sid, string[] actions, string[] resources, IamCondition[]? conditions = null) =>
        new(sid, "Allow", actions, resources, conditions ?? []);
}
