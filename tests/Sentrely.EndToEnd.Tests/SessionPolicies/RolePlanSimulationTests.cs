using static Sentrely.EndToEnd.Tests.SessionPolicies.IamPlanSimulator;

namespace Sentrely.EndToEnd.Tests.SessionPolicies;

/// <summary>
/// The role policies <c>sentrely iam plan</c> generates, intersected with the per-call session policies the production
/// pipeline sends, judged by an independent IAM evaluator: for each tool and each example configuration the intended
/// request is allowed, its neighbours are not, and a call outside the configuration's rules is refused by the role
/// policy alone, even where a session policy would allow it.
/// </summary>
public sealed class RolePlanSimulationTests
{
    private const string Bucket = "arn:aws:s3:::my-app-deployments";
    private const string Functions = "arn:aws:lambda:us-east-1:111122223333:function:";
    private const string Instances = "arn:aws:ec2:us-east-1:111122223333:instance/";
    private const string Instance = Instances + "i-0123456789abcdef0";
    private const string Launch = """{"imageId":"ami-0123456789abcdef0","instanceType":"t3.micro","count":1,"subnetId":"subnet-0123456789abcdef0","securityGroupIds":["sg-0123456789abcdef0"]}""";

    public static TheoryData<string> Configs => new() { "example", "sandbox" };

    [Theory]
    [MemberData(nameof(Configs))]
    public async Task RolePolicyAndSessionPolicy_EveryTool_AllowTheIntendedCallAndDenyItsNeighbours(string configName)
    {
        var plan = IamPlanFixtures.Plan(IamPlanFixtures.Config(configName));
        var capture = new SessionPolicyCapture(approved: true);
        var requests = new PlanRequests(plan, configName);

        var cases = new List<Case>();
        cases.AddRange(await S3Async(requests, capture));
        cases.AddRange(await LambdaAsync(requests, capture));
        cases.AddRange(await Ec2Async(requests, capture));

        var covered = cases.Select(c => c.Id.Split(':')[1].Trim()).ToHashSet(StringComparer.Ordinal);
        Assert.All(IamPlanFixtures.Manifests.Where(m => m.CallsAws), m => Assert.Contains(m.Name, covered));
        await AssertAllAsync(cases);
    }

    [Theory]
    [MemberData(nameof(Configs))]
    public async Task RolePolicy_ResourceADenyRuleForbids_RefusedWithoutTheSessionPolicy(string configName)
    {
        // Both configurations end with `never-prod: deny * on arn:aws:*:*:*:*prod*`, while their allow rules
        // (function:webhooks-*, my-app-deployments/builds/*) cover such names.
        var plan = IamPlanFixtures.Plan(IamPlanFixtures.Config(configName));
        var capture = new SessionPolicyCapture(approved: true);
        var requests = new PlanRequests(plan, configName);
        var update = await capture.PolicyForAsync("update-function-code", """{"functionName":"webhooks-prod","zipBase64":"eA=="}""");
        var put = await capture.PolicyForAsync("put-build-artifact", """{"bucket":"my-app-deployments","key":"builds/prod/app.zip","text":"x"}""");

        Case[] cases =
        [
            requests.RoleOnly("update-function-code", "lambda:UpdateFunctionCode", Functions + "webhooks-prod", expected: Denied),
            requests.Both("update-function-code", Denied, update, "lambda:UpdateFunctionCode", Functions + "webhooks-prod", label: "a deny rule's resource"),
            requests.RoleOnly("put-build-artifact", "s3:PutObject", $"{Bucket}/builds/prod/app.zip", expected: Denied),
            requests.Both("put-build-artifact", Denied, put, "s3:PutObject", $"{Bucket}/builds/prod/app.zip", label: "a deny rule's resource"),
        ];

        await AssertAllAsync(cases);
    }

    private static async Task<IEnumerable<Case>> S3Async(PlanRequests r, SessionPolicyCapture capture)
    {
        var put = await capture.PolicyForAsync("put-build-artifact", """{"bucket":"my-app-deployments","key":"builds/1.4.2/app.zip","text":"x"}""");
        var putOutside = await capture.PolicyForAsync("put-build-artifact", """{"bucket":"my-app-deployments","key":"secrets/app.env","text":"x"}""");
        var get = await capture.PolicyForAsync("get-build-artifact", """{"bucket":"my-app-deployments","key":"builds/1.4.2/app.zip"}""");
        var getOutside = await capture.PolicyForAsync("get-build-artifact", """{"bucket":"other-bucket","key":"secret.txt"}""");
        var list = await capture.PolicyForAsync("list-build-artifacts", """{"bucket":"my-app-deployments","prefix":"builds/"}""");
        var listOutside = await capture.PolicyForAsync("list-build-artifacts", """{"bucket":"my-app-deployments","prefix":"secrets/"}""");
        var prefix = (string p) => new Dictionary<string, object> { ["s3:prefix"] = p };
        return
        [
            r.Both("put-build-artifact", Allowed, put, "s3:PutObject", $"{Bucket}/builds/1.4.2/app.zip"),
            r.Both("put-build-artifact", ImplicitlyDenied, put, "s3:PutObject", $"{Bucket}/builds/1.4.2/other.zip", label: "another key"),
            r.Both("put-build-artifact", ImplicitlyDenied, put, "s3:PutObject", "arn:aws:s3:::other-bucket/builds/1.4.2/app.zip", label: "another bucket"),
            r.Both("put-build-artifact", ImplicitlyDenied, put, "s3:DeleteObject", $"{Bucket}/builds/1.4.2/app.zip", label: "another action"),
            r.Both("put-build-artifact", ImplicitlyDenied, putOutside, "s3:PutObject", $"{Bucket}/secrets/app.env", label: "outside the rules"),
            r.RoleOnly("put-build-artifact", "s3:PutObject", $"{Bucket}/secrets/app.env"),
            r.RoleOnly("put-build-artifact", "s3:PutObject", "arn:aws:s3:::other-bucket/builds/1.4.2/app.zip"),
            r.Both("get-build-artifact", Allowed, get, "s3:GetObject", $"{Bucket}/builds/1.4.2/app.zip"),
            r.Both("get-build-artifact", ImplicitlyDenied, get, "s3:GetObject", $"{Bucket}/builds/secrets.env", label: "another key"),
            r.Both("get-build-artifact", ImplicitlyDenied, get, "s3:PutObject", $"{Bucket}/builds/1.4.2/app.zip", label: "another action"),
            r.Both("get-build-artifact", ImplicitlyDenied, getOutside, "s3:GetObject", "arn:aws:s3:::other-bucket/secret.txt", label: "outside the rules"),
            r.RoleOnly("get-build-artifact", "s3:GetObject", $"{Bucket}/secrets/app.env"),
            r.Both("list-build-artifacts", Allowed, list, "s3:ListBucket", Bucket, prefix("builds/")),
            r.Both("list-build-artifacts", ImplicitlyDenied, list, "s3:ListBucket", Bucket, prefix("secrets/"), label: "another prefix"),
            r.Both("list-build-artifacts", ImplicitlyDenied, list, "s3:ListBucket", "arn:aws:s3:::other-bucket", prefix("builds/"), label: "another bucket"),
            r.Both("list-build-artifacts", ImplicitlyDenied, listOutside, "s3:ListBucket", Bucket, prefix("secrets/"), label: "outside the rules"),
            r.RoleOnly("list-build-artifacts", "s3:ListBucket", Bucket, prefix("")),
        ];
    }

    private static async Task<IEnumerable<Case>> LambdaAsync(PlanRequests r, SessionPolicyCapture capture)
    {
        var update = await capture.PolicyForAsync("update-function-code", """{"functionName":"webhooks-handler","zipBase64":"eA=="}""");
        var updateFromS3 = await capture.PolicyForAsync("update-function-code", """{"functionName":"webhooks-handler","s3Bucket":"my-app-deployments","s3Key":"builds/1.4.2/app.zip"}""");
        var updateOutside = await capture.PolicyForAsync("update-function-code", """{"functionName":"billing-handler","zipBase64":"eA=="}""");
        var getFunction = await capture.PolicyForAsync("get-function", """{"functionName":"webhooks-handler","qualifier":"live"}""");
        var listFunctions = await capture.PolicyForAsync("list-functions", "{}");
        var cases = new List<Case>
        {
            r.Both("update-function-code", Allowed, update, "lambda:UpdateFunctionCode", Functions + "webhooks-handler"),
            r.Both("update-function-code", Allowed, update, "lambda:GetFunctionConfiguration", Functions + "webhooks-handler", label: "poll status"),
            r.Both("update-function-code", ImplicitlyDenied, update, "lambda:UpdateFunctionCode", Functions + "webhooks-other", label: "another function"),
            r.Both("update-function-code", ImplicitlyDenied, update, "lambda:UpdateFunctionConfiguration", Functions + "webhooks-handler", label: "another action"),
            r.Both("update-function-code", ImplicitlyDenied, update, "s3:GetObject", $"{Bucket}/builds/1.4.2/app.zip", label: "code from S3 not asked for"),
            r.Both("update-function-code", Allowed, updateFromS3, "s3:GetObject", $"{Bucket}/builds/1.4.2/app.zip", new() { ["s3:ResourceAccount"] = "111122223333" }, label: "read the code object"),
            r.Both("update-function-code", ImplicitlyDenied, updateFromS3, "s3:GetObject", $"{Bucket}/builds/1.4.2/app.zip", new() { ["s3:ResourceAccount"] = "444455556666" }, label: "the code object's name in another account"),
            r.Both("update-function-code", ImplicitlyDenied, updateOutside, "lambda:UpdateFunctionCode", Functions + "billing-handler", label: "outside the rules"),
            r.RoleOnly("update-function-code", "lambda:UpdateFunctionCode", Functions + "billing-handler"),
            r.Both("get-function", Allowed, getFunction, "lambda:GetFunctionConfiguration", Functions + "webhooks-handler:live"),
            r.Both("get-function", ImplicitlyDenied, getFunction, "lambda:GetFunctionConfiguration", Functions + "webhooks-handler:staging", label: "another alias"),
            r.Both("get-function", ExplicitlyDenied, getFunction, "lambda:GetFunctionConfiguration", Functions + "webhooks-handler:prod", label: "an alias the never-prod deny rule names"),
            r.Both("get-function", ImplicitlyDenied, getFunction, "lambda:UpdateFunctionCode", Functions + "webhooks-handler", label: "another action"),
            r.Both("list-functions", Allowed, listFunctions, "lambda:ListFunctions", "*"),
            r.Both("list-functions", ImplicitlyDenied, listFunctions, "lambda:ListLayers", "*", label: "another action"),
        };
        if (r.ConfigName == "sandbox")
        {
            // The sandbox narrows get-function to webhooks-*; the example lets it read any function.
            var getOutside = await capture.PolicyForAsync("get-function", """{"functionName":"billing-handler"}""");
            cases.Add(r.Both("get-function", ImplicitlyDenied, getOutside, "lambda:GetFunctionConfiguration", Functions + "billing-handler", label: "outside the rules"));
            cases.Add(r.RoleOnly("get-function", "lambda:GetFunctionConfiguration", Functions + "billing-handler"));
        }

        return cases;
    }

    private static async Task<IEnumerable<Case>> Ec2Async(PlanRequests r, SessionPolicyCapture capture)
    {
        var run = await capture.PolicyForAsync("run-instances", Launch);
        var runOutside = await capture.PolicyForAsync("run-instances", Launch.Replace("t3.micro", "p4d.24xlarge", StringComparison.Ordinal));
        var describe = await capture.PolicyForAsync("describe-instances", "{}");
        var type = (string t) => new Dictionary<string, object> { ["ec2:InstanceType"] = t };
        var cases = new List<Case>
        {
            r.Both("run-instances", Allowed, run, "ec2:RunInstances", Instances + "*", type("t3.micro")),
            r.Both("run-instances", Allowed, run, "ec2:RunInstances", "arn:aws:ec2:us-east-1::image/ami-0123456789abcdef0", label: "image"),
            r.Both("run-instances", Allowed, run, "ec2:RunInstances", "arn:aws:ec2:us-east-1:111122223333:subnet/subnet-0123456789abcdef0", label: "subnet"),
            r.Both("run-instances", Allowed, run, "ec2:RunInstances", "arn:aws:ec2:us-east-1:111122223333:security-group/sg-0123456789abcdef0", label: "security group"),
            r.Both("run-instances", Allowed, run, "ec2:RunInstances", "arn:aws:ec2:us-east-1:111122223333:volume/*", label: "volume"),
            r.Both("run-instances", Allowed, run, "ec2:RunInstances", "arn:aws:ec2:us-east-1:111122223333:network-interface/*", label: "network interface"),
            r.Both("run-instances", Allowed, run, "ec2:CreateTags", Instances + "*", new Dictionary<string, object> { ["ec2:CreateAction"] = "RunInstances" }, label: "tag at launch"),
            r.Both("run-instances", ImplicitlyDenied, run, "ec2:RunInstances", Instances + "*", type("t3.large"), label: "another type"),
            r.Both("run-instances", ImplicitlyDenied, run, "ec2:RunInstances", "arn:aws:ec2:us-east-1::image/ami-0fffffffffffffff0", label: "another image"),
            r.Both("run-instances", ImplicitlyDenied, run, "ec2:RunInstances", "arn:aws:ec2:us-east-1:111122223333:key-pair/admin", label: "key pair not asked for"),
            r.Both("run-instances", ImplicitlyDenied, run, "ec2:CreateTags", Instance, new Dictionary<string, object> { ["ec2:CreateAction"] = "CreateTags" }, label: "tag outside a launch"),
            r.Both("run-instances", ImplicitlyDenied, run, "ec2:TerminateInstances", Instance, label: "another action"),
            r.Both("run-instances", ImplicitlyDenied, runOutside, "ec2:RunInstances", Instances + "*", type("p4d.24xlarge"), label: "outside the rules"),
            r.RoleOnly("run-instances", "ec2:RunInstances", Instances + "*", type("p4d.24xlarge")),
            r.Both("describe-instances", Allowed, describe, "ec2:DescribeInstances", "*"),
            r.Both("describe-instances", ImplicitlyDenied, describe, "ec2:DescribeImages", "*", label: "another action"),
        };
        if (r.ConfigName == "example")
        {
            // The example allows describe-instances to jordan on backend-api only: session tags carry who is calling.
            cases.Add(r.Both("describe-instances", ImplicitlyDenied, describe, "ec2:DescribeInstances", "*", PlanRequests.Tags("alex", "backend-api"), label: "another developer"));
            cases.Add(r.Both("describe-instances", ImplicitlyDenied, describe, "ec2:DescribeInstances", "*", PlanRequests.Tags("jordan", "frontend"), label: "another project"));
        }

        foreach (var (tool, action) in new[] { ("start-instances", "ec2:StartInstances"), ("stop-instances", "ec2:StopInstances"), ("terminate-instances", "ec2:TerminateInstances") })
        {
            var session = await capture.PolicyForAsync(tool, """{"instanceIds":["i-0123456789abcdef0"]}""");
            cases.Add(r.Both(tool, Allowed, session, action, Instance));
            cases.Add(r.Both(tool, ImplicitlyDenied, session, action, Instances + "i-0fffffffffffffff0", label: "another instance"));
            cases.Add(r.Both(tool, ImplicitlyDenied, session, action == "ec2:TerminateInstances" ? "ec2:RebootInstances" : "ec2:TerminateInstances", Instance, label: "another action"));
            cases.Add(r.RoleOnly(tool, action, "arn:aws:ec2:eu-west-1:111122223333:instance/i-0123456789abcdef0"));
            cases.Add(r.RoleOnly(tool, action, "arn:aws:ec2:us-east-1:999988887777:instance/i-0123456789abcdef0"));
        }

        return cases;
    }
}
