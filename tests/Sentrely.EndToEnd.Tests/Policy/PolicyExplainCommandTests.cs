using System.Text.Json;
using Sentrely.EndToEnd.Tests.SessionPolicies;

namespace Sentrely.EndToEnd.Tests.Policy;

public sealed class PolicyExplainCommandTests
{
    private const string Config = "examples/sentrely.yaml";

    [Fact]
    public async Task PolicyExplain_AllowedCall_PrintsTraceAndTheExactSessionPolicyTheServerWouldSend()
    {
        // Arrange: the session policy the production pipeline hands to the credential vendor for the same call.
        var expected = await new SessionPolicyCapture().PolicyForAsync(
            "put-build-artifact", """{"bucket":"my-app-deployments","key":"builds/app.zip","text":"hi"}""");

        // Act
        var (exit, stdout, stderr) = await PolicyCli.RunAsync(
            "policy", "explain", "--config", Config, "--tool", "put-build-artifact",
            "--arg", "bucket=my-app-deployments", "--arg", "key=builds/app.zip", "--arg", "text=hi");

        // Assert
        Assert.True(exit == 0, stdout + stderr);
        Assert.Contains("decision:    ALLOW", stdout, StringComparison.Ordinal);
        Assert.Contains("✔ builds-rw", stdout, StringComparison.Ordinal);
        Assert.Contains("✖ never-prod", stdout, StringComparison.Ordinal);
        Assert.Contains("  " + expected + "\n", stdout, StringComparison.Ordinal);
        Assert.Contains("roleArn:         arn:aws:iam::111122223333:role/sentrely-agent-deploy", stdout, StringComparison.Ordinal);
        Assert.Contains("tags:            agent-session=sess_explain developer=jordan project=backend-api tool=put-build-artifact actor=agent", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PolicyExplain_Json_GivesVerdictRulesObligationsAndAssumeRole()
    {
        // Act
        var (exit, stdout, stderr) = await PolicyCli.RunAsync(
            "policy", "explain", "--config", Config, "--tool", "terminate-instances", "--arg", "instanceIds=[\"i-0abc1234567890def\"]", "--json");

        // Assert
        Assert.True(exit == 0, stdout + stderr);
        using var doc = JsonDocument.Parse(stdout);
        var root = doc.RootElement;
        Assert.Equal("approval", root.GetProperty("verdict").GetString());
        Assert.Equal(["dev-instances"], root.GetProperty("ruleIds").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["arn:aws:ec2:us-east-1:111122223333:instance/i-0abc1234567890def"], root.GetProperty("resources").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("approval", root.GetProperty("obligations")[0].GetProperty("kind").GetString());
        Assert.Contains(root.GetProperty("rules").EnumerateArray(), r => r.GetProperty("id").GetString() == "dev-instances" && r.GetProperty("matched").GetBoolean());
        var policy = root.GetProperty("assumeRole").GetProperty("sessionPolicy").GetString()!;
        Assert.Contains("ec2:TerminateInstances", policy, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PolicyExplain_DeniedCall_ExitsZeroAndSaysWhy()
    {
        // Act
        var (exit, stdout, _) = await PolicyCli.RunAsync(
            "policy", "explain", "--config", Config, "--tool", "run-instances", "--developer", "sam",
            "--arg", "imageId=ami-0abcdef1234567890", "--arg", "instanceType=m5.large", "--arg", "count=1");

        // Assert
        Assert.Equal(0, exit);
        Assert.Contains("decision:    DENY (PolicyDenied)", stdout, StringComparison.Ordinal);
        Assert.Contains("failed: argument `instanceType` = `m5.large` does not satisfy one of [t3.*]", stdout, StringComparison.Ordinal);
        Assert.Contains("sts:AssumeRole: (none", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PolicyExplain_QualifiedRead_ListsSecondaryResourceAndTheDenyItTriggers()
    {
        // Act: `webhooks-stripe` itself is readable; its `prod` alias is a secondary resource `*prod*` denies.
        var (exit, stdout, stderr) = await PolicyCli.RunAsync(
            "policy", "explain", "--config", Config, "--tool", "get-function", "--arg", "functionName=webhooks-stripe", "--arg", "qualifier=prod");
        var json = await PolicyCli.RunAsync(
            "policy", "explain", "--config", Config, "--tool", "get-function", "--arg", "functionName=webhooks-stripe", "--arg", "qualifier=prod", "--json");

        // Assert
        Assert.True(exit == 0, stdout + stderr);
        Assert.Contains("decision:    DENY (PolicyDenied)", stdout, StringComparison.Ordinal);
        Assert.Contains(
            "secondary resources (deny rules only):\n  arn:aws:lambda:us-east-1:111122223333:function:webhooks-stripe:prod\n", stdout, StringComparison.Ordinal);
        Assert.Contains("✔ never-prod", stdout, StringComparison.Ordinal);
        using var doc = JsonDocument.Parse(json.Stdout);
        Assert.Equal(
            ["arn:aws:lambda:us-east-1:111122223333:function:webhooks-stripe:prod"],
            doc.RootElement.GetProperty("secondaryResources").EnumerateArray().Select(e => e.GetString()));
    }

    [Theory]
    [InlineData("--tool", "put-build-artefact")]
    [InlineData("--tool", "get-function", "--arg", "functionName")]
    [InlineData("--tool", "get-function", "--arg", "a=1", "--arg", "a=2")]
    public async Task PolicyExplain_UsageErrors_ExitTwo(params string[] args)
    {
        // Act
        var (exit, _, stderr) = await PolicyCli.RunAsync(["policy", "explain", "--config", Config, .. args]);

        // Assert
        Assert.Equal(2, exit);
        Assert.StartsWith("sentrely: ", stderr, StringComparison.Ordinal);
    }
}
