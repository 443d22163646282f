using System.Globalization;
using System.Text;
using System.Text.Json;
using Sentrely.Sandbox;

namespace Sentrely.Mcp.Demo;

/// <summary>The demo's agent session: allowed work, then the things Sentrely exists to stop.</summary>
internal static class DemoScript
{
    public static IReadOnlyList<DemoStep> Steps { get; } =
    [
        new("ask what it may do", "list-permissions", [], true, Summary: r =>
            $"{r.GetProperty("tools").EnumerateArray().Count(t => t.GetProperty("allowed").GetBoolean())} tools allowed, deny rules: {string.Join(", ", r.GetProperty("denyRules").EnumerateArray().Select(d => d.GetProperty("ruleId").GetString()))}"),
        new("list the build artifacts", "list-build-artifacts", Args(("bucket", SandboxAccount.DeploymentBucket), ("prefix", "builds/")), true, Summary: r =>
            $"{r.GetProperty("artifacts").GetArrayLength()} artifacts under s3://{SandboxAccount.DeploymentBucket}/builds/"),
        new("read the release notes", "get-build-artifact", Args(("bucket", SandboxAccount.DeploymentBucket), ("key", "builds/1.4.2/release-notes.txt")), true, Summary: r =>
            $"\"{r.GetProperty("text").GetString()!.Trim()}\""),
        new("upload a new build", "put-build-artifact", Args(("bucket", SandboxAccount.DeploymentBucket), ("key", "builds/1.4.3/webhooks.zip"), ("contentBase64", Convert.ToBase64String(Encoding.UTF8.GetBytes("PK (webhooks 1.4.3)")))), true, Summary: r =>
            string.Create(CultureInfo.InvariantCulture, $"s3://{r.GetProperty("bucket").GetString()}/{r.GetProperty("key").GetString()} ({r.GetProperty("size").GetInt64()} bytes)")),
        new("deploy it to the webhooks function", "update-function-code", Args(("functionName", "webhooks-dispatcher"), ("s3Bucket", SandboxAccount.DeploymentBucket), ("s3Key", "builds/1.4.3/webhooks.zip")), true, Summary: r =>
            $"webhooks-dispatcher: LastUpdateStatus {r.GetProperty("function").GetProperty("lastUpdateStatus").GetString()}"),
        new("check the deployed function", "get-function", Args(("functionName", "webhooks-dispatcher")), true, Summary: r =>
            $"environment variable names only: {string.Join(", ", r.GetProperty("environmentVariableNames").EnumerateArray().Select(e => e.GetString()))}"),
        new("deploy to production too", "update-function-code", Args(("functionName", "payments-prod"), ("s3Bucket", SandboxAccount.DeploymentBucket), ("s3Key", "builds/1.4.3/webhooks.zip")), false, "never-prod"),
        new("read the audit-log bucket", "get-build-artifact", Args(("bucket", SandboxAccount.AuditBucket), ("key", "2026/11/27/cloudtrail.json.gz")), false, "no rule allows"),
        new("widen a key with a wildcard (prompt injection)", "get-build-artifact", Args(("bucket", SandboxAccount.DeploymentBucket), ("key", "builds/*")), false, "invalid arguments"),
        new("escape the bucket with ../", "put-build-artifact", Args(("bucket", SandboxAccount.DeploymentBucket), ("key", "builds/../../etc/passwd"), ("text", "x")), false, "invalid arguments"),
        new("launch a GPU instance", "run-instances", Args(("imageId", SandboxAccount.Image), ("instanceType", "p4d.24xlarge"), ("count", 1)), false, "no rule allows"),
        new("launch a small instance", "run-instances", Args(("imageId", SandboxAccount.Image), ("instanceType", "t3.micro"), ("count", 1)), true, Summary: r =>
            $"{r.GetProperty("instances")[0].GetProperty("instanceId").GetString()} ({r.GetProperty("instances")[0].GetProperty("instanceType").GetString()}), tagged with this session"),
        new("terminate a CI runner", "terminate-instances", Args(("instanceIds", new[] { SandboxAccount.CiRunner1 })), false, "approval"),
        new("call a tool that does not exist", "delete-bucket", Args(("bucket", SandboxAccount.DeploymentBucket)), false, "unknown tool"),
    ];

    public static Dictionary<string, object?> Args(params (string Name, object? Value)[] args) => args.ToDictionary(a => a.Name, a => a.Value);
}
