using Sentrely.Approval;
using Sentrely.Credentials;
using Sentrely.Mcp.Hosting;
using static Sentrely.EndToEnd.Tests.SessionPolicies.IamSimulator;

namespace Sentrely.EndToEnd.Tests.SessionPolicies;

/// <summary>
/// The session policies Sentrely generates, judged by an independent IAM evaluator: the intended request is
/// allowed; its neighbours (another key, bucket, function, instance, a bigger instance type, another action) are not.
/// </summary>
public sealed class IamSimulatorTests
{
    private const string Image = "arn:aws:ec2:us-east-1::image/ami-0123456789abcdef0";
    private const string Instance = "arn:aws:ec2:us-east-1:111122223333:instance/i-0123456789abcdef0";
    private const string Function = "arn:aws:lambda:us-east-1:111122223333:function:webhooks-handler";

    [Fact]
    public async Task SessionPolicies_AllowExactlyTheCall()
    {
        var capture = new SessionPolicyCapture();
        var put = await capture.PolicyForAsync("put-build-artifact", """{"bucket":"my-app-deployments","key":"builds/1.4.2/app.zip","text":"x"}""");
        var get = await capture.PolicyForAsync("get-build-artifact", """{"bucket":"my-app-deployments","key":"builds/1.4.2/app.zip"}""");
        var list = await capture.PolicyForAsync("list-build-artifacts", """{"bucket":"my-app-deployments","prefix":"builds/"}""");
        var update = await capture.PolicyForAsync("update-function-code", """{"functionName":"webhooks-handler","zipBase64":"eA=="}""");
        var updateFromS3 = await capture.PolicyForAsync("update-function-code", """{"functionName":"webhooks-handler","s3Bucket":"my-app-deployments","s3Key":"builds/1.4.2/app.zip"}""");
        var getFunction = await capture.PolicyForAsync("get-function", """{"functionName":"webhooks-handler","qualifier":"live"}""");
        var run = await capture.PolicyForAsync("run-instances", """{"imageId":"ami-0123456789abcdef0","instanceType":"t3.micro","count":1,"subnetId":"subnet-0123456789abcdef0","securityGroupIds":["sg-0123456789abcdef0"]}""");
        var stop = await capture.PolicyForAsync("stop-instances", """{"instanceIds":["i-0123456789abcdef0"]}""");
        var describe = await capture.PolicyForAsync("describe-instances", "{}");
        var itype = new Dictionary<string, string> { ["ec2:InstanceType"] = "t3.micro" };
        var ownAccount = new Dictionary<string, string> { ["s3:ResourceAccount"] = "111122223333" };
        var pinned = PinnedDeployPolicy("v1");
        Dictionary<string, string> Version(string account, string version) => new() { ["s3:ResourceAccount"] = account, ["s3:versionid"] = version };

        Case[] cases =
        [
            new("put: the key", put, "s3:PutObject", "arn:aws:s3:::my-app-deployments/builds/1.4.2/app.zip"),
            new("put: -another key in the prefix", put, "s3:PutObject", "arn:aws:s3:::my-app-deployments/builds/1.4.2/other.zip"),
            new("put: -another bucket", put, "s3:PutObject", "arn:aws:s3:::other-bucket/builds/1.4.2/app.zip"),
            new("put: -another action", put, "s3:DeleteObject", "arn:aws:s3:::my-app-deployments/builds/1.4.2/app.zip"),
            new("put: -read", put, "s3:GetObject", "arn:aws:s3:::my-app-deployments/builds/1.4.2/app.zip"),
            new("get: the key", get, "s3:GetObject", "arn:aws:s3:::my-app-deployments/builds/1.4.2/app.zip"),
            new("get: -write", get, "s3:PutObject", "arn:aws:s3:::my-app-deployments/builds/1.4.2/app.zip"),
            new("get: -another key", get, "s3:GetObject", "arn:aws:s3:::my-app-deployments/builds/secrets.env"),
            new("list: the prefix", list, "s3:ListBucket", "arn:aws:s3:::my-app-deployments", new Dictionary<string, string> { ["s3:prefix"] = "builds/" }),
            new("list: -a wider prefix", list, "s3:ListBucket", "arn:aws:s3:::my-app-deployments", new Dictionary<string, string> { ["s3:prefix"] = "" }),
            new("list: -no prefix", list, "s3:ListBucket", "arn:aws:s3:::my-app-deployments"),
            new("list: -another prefix", list, "s3:ListBucket", "arn:aws:s3:::my-app-deployments", new Dictionary<string, string> { ["s3:prefix"] = "secrets/" }),
            new("list: -another bucket", list, "s3:ListBucket", "arn:aws:s3:::other-bucket", new Dictionary<string, string> { ["s3:prefix"] = "builds/" }),
            new("update: the function", update, "lambda:UpdateFunctionCode", Function),
            new("update: poll status", update, "lambda:GetFunctionConfiguration", Function),
            new("update: -another function", update, "lambda:UpdateFunctionCode", "arn:aws:lambda:us-east-1:111122223333:function:payments-prod"),
            new("update: -another action", update, "lambda:UpdateFunctionConfiguration", Function),
            new("update: -delete", update, "lambda:DeleteFunction", Function),
            new("update: -read code from S3 when not asked", update, "s3:GetObject", "arn:aws:s3:::my-app-deployments/builds/1.4.2/app.zip"),
            new("update-s3: read the code object", updateFromS3, "s3:GetObject", "arn:aws:s3:::my-app-deployments/builds/1.4.2/app.zip", ownAccount),
            new("update-s3: -another object", updateFromS3, "s3:GetObject", "arn:aws:s3:::my-app-deployments/builds/secrets.env", ownAccount),
            new("update-s3: -the same bucket name in another account", updateFromS3, "s3:GetObject", "arn:aws:s3:::my-app-deployments/builds/1.4.2/app.zip", new Dictionary<string, string> { ["s3:ResourceAccount"] = "444455556666" }),
            new("update-s3: -no resource account", updateFromS3, "s3:GetObject", "arn:aws:s3:::my-app-deployments/builds/1.4.2/app.zip"),
            new("update-s3: -a version when none is pinned", updateFromS3, "s3:GetObjectVersion", "arn:aws:s3:::my-app-deployments/builds/1.4.2/app.zip", Version("111122223333", "v1")),
            new("update-pinned: the pinned version", pinned, "s3:GetObjectVersion", "arn:aws:s3:::my-app-deployments/builds/1.4.2/app.zip", Version("111122223333", "v1")),
            new("update-pinned: -another version", pinned, "s3:GetObjectVersion", "arn:aws:s3:::my-app-deployments/builds/1.4.2/app.zip", Version("111122223333", "v2")),
            new("update-pinned: -the pinned version in another account", pinned, "s3:GetObjectVersion", "arn:aws:s3:::my-app-deployments/builds/1.4.2/app.zip", Version("444455556666", "v1")),
            new("get-function: qualified", getFunction, "lambda:GetFunctionConfiguration", Function + ":live"),
            new("get-function: -another alias", getFunction, "lambda:GetFunctionConfiguration", Function + ":prod"),
            new("get-function: -update", getFunction, "lambda:UpdateFunctionCode", Function),
            new("run: instance of the type", run, "ec2:RunInstances", "arn:aws:ec2:us-east-1:111122223333:instance/*", itype),
            new("run: image", run, "ec2:RunInstances", Image),
            new("run: subnet", run, "ec2:RunInstances", "arn:aws:ec2:us-east-1:111122223333:subnet/subnet-0123456789abcdef0"),
            new("run: security group", run, "ec2:RunInstances", "arn:aws:ec2:us-east-1:111122223333:security-group/sg-0123456789abcdef0"),
            new("run: volume", run, "ec2:RunInstances", "arn:aws:ec2:us-east-1:111122223333:volume/*"),
            new("run: network interface", run, "ec2:RunInstances", "arn:aws:ec2:us-east-1:111122223333:network-interface/*"),
            new("run: tag at launch", run, "ec2:CreateTags", "arn:aws:ec2:us-east-1:111122223333:instance/*", new Dictionary<string, string> { ["ec2:CreateAction"] = "RunInstances" }),
            new("run: -a bigger instance type", run, "ec2:RunInstances", "arn:aws:ec2:us-east-1:111122223333:instance/*", new Dictionary<string, string> { ["ec2:InstanceType"] = "p4d.24xlarge" }),
            new("run: -another image", run, "ec2:RunInstances", "arn:aws:ec2:us-east-1::image/ami-0fffffffffffffff0"),
            new("run: -another subnet", run, "ec2:RunInstances", "arn:aws:ec2:us-east-1:111122223333:subnet/subnet-0fffffffffffffff0"),
            new("run: -another security group", run, "ec2:RunInstances", "arn:aws:ec2:us-east-1:111122223333:security-group/sg-0fffffffffffffff0"),
            new("run: -a key pair not asked for", run, "ec2:RunInstances", "arn:aws:ec2:us-east-1:111122223333:key-pair/admin"),
            new("run: -tag outside a launch", run, "ec2:CreateTags", Instance, new Dictionary<string, string> { ["ec2:CreateAction"] = "CreateTags" }),
            new("run: -terminate", run, "ec2:TerminateInstances", Instance),
            new("stop: the instance", stop, "ec2:StopInstances", Instance),
            new("stop: -another instance", stop, "ec2:StopInstances", "arn:aws:ec2:us-east-1:111122223333:instance/i-0fffffffffffffff0"),
            new("stop: -terminate", stop, "ec2:TerminateInstances", Instance),
            new("describe: describe", describe, "ec2:DescribeInstances", "*"),
            new("describe: -run", describe, "ec2:RunInstances", "arn:aws:ec2:us-east-1:111122223333:instance/*", itype),
        ];

        var results = await EvaluateAsync(cases);

        Assert.All(cases, c =>
        {
            var expected = c.Id.Contains(": -", StringComparison.Ordinal) ? "ImplicitlyDenied" : "Allowed";
            Assert.True(expected == results[c.Id], $"{c.Id}: expected {expected}, the IAM evaluator said {results[c.Id]}\npolicy: {c.Policy}");
        });
    }

    // The session policy of an approved deploy from S3, whose package version Sentrely pinned (PackageVersionStage):
    // the shipped manifest filled by the production builder.
    private static string PinnedDeployPolicy(string version)
    {
        var manifest = new SentrelyTools().Registry.Find("update-function-code")!.Manifest;
        var values = new Dictionary<string, IReadOnlyList<string>>
        {
            ["partition"] = ["aws"], ["region"] = ["us-east-1"], ["account"] = ["111122223333"], ["functionArn"] = [Function],
            ["s3Bucket"] = ["my-app-deployments"], ["s3Key"] = ["builds/1.4.2/app.zip"], [PackageVersionStage.ValueName] = [version],
        };
        return SessionPolicyWriter.Write(SessionPolicyBuilder.Build(manifest, values));
    }
}
