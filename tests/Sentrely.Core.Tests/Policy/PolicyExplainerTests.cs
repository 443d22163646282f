using System.Text.Json;
using Sentrely.Approval;
using Sentrely.Arguments;
using Sentrely.Configuration;
using Sentrely.Credentials;
using Sentrely.Invocation;
using Sentrely.Pipeline;
using Sentrely.Policy;
using Sentrely.TestUtilities;

namespace Sentrely.Core.Tests.Policy;

public sealed class PolicyExplainerTests
{
    private readonly FakeToolHandler _handler = new("put-thing");
    private readonly RefusingStage _limits = new(StageOrder.RateLimits);

    private static PolicyRule Allow(string id, ApprovalRequirement? approval = null, string resource = "arn:aws:s3:::b/*") =>
        new() { Id = id, Effect = PolicyEffect.Allow, Tools = ["put-thing"], Resources = [resource], Approval = approval ?? ApprovalRequirement.None };

    private async Task<PolicyExplanation> ExplainAsync(string argumentsJson, params PolicyRule[] rules)
    {
        var config = new SentrelyConfig
        {
            Aws = new AwsConfig { AccountId = "111122223333", Roles = new Dictionary<string, string> { ["deploy"] = "arn:aws:iam::111122223333:role/d" } },
            Policy = new PolicyConfig { Rules = rules },
        };
        var explainer = new PolicyExplainer(
            ToolRegistry.Create([_handler.Manifest()], [_handler]),
            [new CredentialScopeStage(), _limits, new PolicyStage(), new ApprovalPreviewStage(), new ArgumentValidationStage()],
            [new ApprovalObligations()]);
        using var arguments = JsonDocument.Parse(argumentsJson);
        return await explainer.ExplainAsync(
            ActiveConfiguration.From(config), PolicyExplainer.Session("jordan", "backend-api"), "put-thing", arguments.RootElement.Clone(), NoFileRoots.Instance, default);
    }

    [Fact]
    public async Task ExplainAsync_AllowedCall_GivesTraceAndTheSessionPolicyWithoutInvokingOrRunningLimits()
    {
        // Act
        var explanation = await ExplainAsync("""{"bucket":"b","key":"k"}""", Allow("b-rw"));

        // Assert
        Assert.Equal(ExplainVerdicts.Allow, explanation.Verdict);
        Assert.Equal(["b-rw"], explanation.RuleIds);
        Assert.Equal(["arn:aws:s3:::b/k"], explanation.Resources);
        Assert.True(Assert.Single(explanation.Decision!.Trace).Matched);
        Assert.Empty(explanation.Obligations);
        var sts = explanation.Credentials!;
        Assert.Equal("arn:aws:iam::111122223333:role/d", sts.RoleArn);
        Assert.Equal("""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:PutObject","Resource":"arn:aws:s3:::b/k"}]}""", sts.SessionPolicy);
        Assert.Equal("sess_explain.call_explain", sts.RoleSessionName);
        Assert.Empty(_handler.Invocations);
        Assert.Equal(0, _limits.Runs);
    }

    [Fact]
    public async Task ExplainAsync_NoAllowRule_DeniesWithTheReasonAndEveryRuleFailed()
    {
        // Act
        var explanation = await ExplainAsync("""{"bucket":"other","key":"k"}""", Allow("b-rw"));

        // Assert
        Assert.Equal(ExplainVerdicts.Deny, explanation.Verdict);
        Assert.Equal("PolicyDenied", explanation.Code);
        Assert.StartsWith("no rule allows `put-thing` on `arn:aws:s3:::other/k`", explanation.Reason, StringComparison.Ordinal);
        Assert.Contains("matches none of", Assert.Single(explanation.Decision!.Trace).Explanation, StringComparison.Ordinal);
        Assert.Null(explanation.Credentials);
    }

    [Fact]
    public async Task ExplainAsync_InvalidArguments_DeniesBeforeThePolicy()
    {
        // Act
        var explanation = await ExplainAsync("""{"bucket":"b","key":"k","extra":1}""", Allow("b-rw"));

        // Assert
        Assert.Equal(ExplainVerdicts.Deny, explanation.Verdict);
        Assert.Equal("InvalidArguments", explanation.Code);
        Assert.Null(explanation.Decision);
    }

    [Fact]
    public async Task ExplainAsync_ApprovalRequired_ReportsTheObligationAndStillTheSessionPolicy()
    {
        // Act
        var explanation = await ExplainAsync("""{"bucket":"b","key":"k"}""", Allow("b-rw", new ApprovalRequirement(ApprovalLevel.Reviewer, 60)));

        // Assert
        Assert.Equal(ExplainVerdicts.Approval, explanation.Verdict);
        Assert.Equal("ApprovalRequired", explanation.Code);
        var obligation = Assert.Single(explanation.Obligations);
        Assert.Equal(ApprovalObligations.Kind, obligation.Kind);
        Assert.Equal(["b-rw"], obligation.RuleIds);
        Assert.Contains("up to 60 s", obligation.Description, StringComparison.Ordinal);
        Assert.NotNull(explanation.Credentials);
    }

    [Fact]
    public async Task ExplainAsync_ExplicitDeny_NamesTheDenyRule()
    {
        // Act
        var explanation = await ExplainAsync(
            """{"bucket":"b","key":"prod/k"}""",
            Allow("b-rw"),
            new PolicyRule { Id = "no-prod", Effect = PolicyEffect.Deny, Tools = ["*"], Resources = ["*prod*"] });

        // Assert
        Assert.Equal(ExplainVerdicts.Deny, explanation.Verdict);
        Assert.Equal(["no-prod"], explanation.RuleIds);
        Assert.Equal([true, true], explanation.Decision!.Trace.Select(t => t.Matched));
    }

    private sealed class RefusingStage(int order) : IToolCallStage
    {
        public int Order => order;

        public int Runs { get; private set; }

        public ValueTask<ToolCallRejection?> ExecuteAsync(ToolCallContext context, CancellationToken cancellationToken)
        {
            Runs++;
            return ValueTask.FromResult<ToolCallRejection?>(new ToolCallRejection(AuditDecisions.RateLimited, "RateLimited", "limit"));
        }
    }
}
