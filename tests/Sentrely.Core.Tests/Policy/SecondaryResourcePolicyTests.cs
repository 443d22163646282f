using Sentrely.Policy;

namespace Sentrely.Core.Tests.Policy;

/// <summary>Deny rules match a call's main and secondary resources; allow rules match its main resources only.</summary>
public sealed class SecondaryResourcePolicyTests
{
    private const string Function = "arn:aws:lambda:us-east-1:111122223333:function:webhooks-handler";
    private const string Package = "arn:aws:s3:::acme-secrets/pkg.zip";

    private static readonly PolicyRule AllowWebhooks = new()
    {
        Id = "webhooks", Effect = PolicyEffect.Allow, Tools = ["update-function-code"], Resources = ["arn:aws:lambda:us-east-1:111122223333:function:webhooks-*"],
    };

    private static readonly PolicyRule DenySecrets = new()
    {
        Id = "no-secrets", Effect = PolicyEffect.Deny, Tools = ["*"], Resources = ["arn:aws:s3:::acme-secrets/*"],
    };

    private static PolicyRequest Deploy(params string[] secondary) =>
        new("update-function-code", "jordan", "backend-api", [Function], new Dictionary<string, PolicyValue>(), ApprovalRequirement.None)
        {
            SecondaryResources = secondary,
        };

    [Fact]
    public void Evaluate_DenyMatchesSecondaryResource_DeniesNamingIt()
    {
        // Act
        var decision = new PolicyEvaluator([AllowWebhooks, DenySecrets]).Evaluate(Deploy(Package));

        // Assert
        Assert.False(decision.Allowed);
        Assert.Equal(["no-secrets"], decision.RuleIds);
        Assert.Contains(Package, decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_AllowScopedToMainResource_IgnoresSecondaryResources()
    {
        // Act: the allow names functions only; the package in another bucket does not stop it matching.
        var decision = new PolicyEvaluator([AllowWebhooks, DenySecrets]).Evaluate(Deploy("arn:aws:s3:::my-app-deployments/builds/app.zip"));

        // Assert
        Assert.True(decision.Allowed, decision.Reason);
        Assert.Equal(["webhooks"], decision.RuleIds);
    }

    [Fact]
    public void Mismatch_DenyMatchesSecondaryResource_AgreesWithCompiledRule()
    {
        // Act
        var explained = RuleMatcher.Mismatch(DenySecrets, Deploy(Package));
        var compiled = new CompiledRule(DenySecrets).Matches(Deploy(Package));

        // Assert
        Assert.Null(explained);
        Assert.True(compiled);
    }

    [Fact]
    public void Mismatch_DenyMatchesNeitherMainNorSecondary_SaysSo()
    {
        // Act
        var explained = RuleMatcher.Mismatch(DenySecrets, Deploy("arn:aws:s3:::my-app-deployments/builds/app.zip"));

        // Assert
        Assert.Equal("no resource (main or secondary) matches [arn:aws:s3:::acme-secrets/*]", explained);
    }

    [Fact]
    public void Check_DenyOfPackageBucketForDeployTool_IsReachable()
    {
        // Arrange: the deploy's main resource is a function ARN, but its S3 package is an object ARN.
        var config = PolicyTestSupport.Config("""
                - id: no-secrets
                  effect: deny
                  tools: [update-function-code]
                  resources: ["arn:aws:s3:::acme-secrets/*"]
            """);

        // Act
        var warnings = PolicyLinter.Check(config.Policy.Rules, PolicyTestSupport.Manifests, config.Aws);

        // Assert
        Assert.DoesNotContain(warnings, w => w.Code == PolicyWarningCodes.UnreachableResource);
    }
}
