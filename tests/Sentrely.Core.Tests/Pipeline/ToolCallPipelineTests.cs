using System.Text.Json;
using Sentrely.Invocation;
using Sentrely.Pipeline;
using Sentrely.Policy;

namespace Sentrely.Core.Tests.Pipeline;

public sealed class ToolCallPipelineTests
{
    private const string Args = """{"bucket":"my-app-deployments","key":"builds/app.zip"}""";

    [Fact]
    public void Stages_RunInStageOrder_WhateverTheRegistrationOrder()
    {
        var fixture = new PipelineFixture([]);

        Assert.Equal(
            [StageOrder.KillSwitch, StageOrder.Validation, StageOrder.Policy, StageOrder.Approval, StageOrder.CredentialScope, StageOrder.RateLimits],
            fixture.Pipeline.Stages.Select(s => s.Order));
        Assert.Equal(
            [1000, 2000, 3000, 4000, 5000, 6000, 7000, 7500],
            [StageOrder.KillSwitch, StageOrder.Validation, StageOrder.Policy, StageOrder.Limits, StageOrder.Approval, StageOrder.CredentialScope, StageOrder.RateLimits, StageOrder.LimitReservations]);
    }

    [Fact]
    public async Task RunAsync_Allowed_VendsScopedCredentialsAndRecordsIntentThenOutcome()
    {
        var fixture = new PipelineFixture([PipelineFixture.AllowAll()]);
        var intentsAtVend = -1;
        fixture.Handler.Answer = invocation =>
        {
            intentsAtVend = fixture.Store.Records.Count(r => r.Phase == "intent");
            return ToolInvocationResult.Success(JsonDocument.Parse("""{"written":"x"}""").RootElement, "done", ["req-1"]);
        };

        var outcome = await fixture.CallAsync("put-thing", Args);

        Assert.False(outcome.IsError);
        Assert.Equal("allow", outcome.Decision);
        Assert.Equal(1, intentsAtVend);
        var request = Assert.Single(fixture.Vendor.Requests);
        Assert.Equal("arn:aws:iam::111122223333:role/sentrely-agent-deploy", request.RoleArn);
        Assert.Equal("""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:PutObject","Resource":"arn:aws:s3:::my-app-deployments/builds/app.zip"}]}""", request.SessionPolicy);
        Assert.Equal("jordan", request.SourceIdentity);
        Assert.Equal($"{fixture.Session.SessionId}.{outcome.CallId}", request.RoleSessionName);
        Assert.Equal(["agent-session", "developer", "project", "tool", "actor"], request.Tags.Select(t => t.Key));
        Assert.Equal(900, request.DurationSeconds);

        var records = fixture.Store.Records;
        Assert.Equal(["intent", "outcome"], records.Select(r => r.Phase));
        Assert.All(records, r => Assert.Equal(outcome.CallId, r.CallId));
        Assert.Equal("ok", records[1].Outcome);
        Assert.Equal(["req-1"], records[1].AwsRequestIds);
        Assert.Equal(request.RoleSessionName, records[1].RoleSessionName);
        Assert.Equal(["arn:aws:s3:::my-app-deployments/builds/app.zip"], records[1].Resources);
    }

    [Fact]
    public async Task RunAsync_NoRule_DeniedWithoutAnyAwsCall()
    {
        var fixture = new PipelineFixture([]);

        var outcome = await fixture.CallAsync("put-thing", Args);

        Assert.True(outcome.IsError);
        Assert.Equal("deny", outcome.Decision);
        Assert.Contains("no rule allows", outcome.Message, StringComparison.Ordinal);
        Assert.Empty(fixture.Vendor.Requests);
        Assert.Empty(fixture.Handler.Invocations);
        Assert.Equal(["intent", "outcome"], fixture.Store.Records.Select(r => r.Phase));
        Assert.All(fixture.Store.Records, r => Assert.Equal("deny", r.Decision));
        Assert.Equal("PolicyDenied", fixture.Store.Records[1].ErrorCode);
    }

    [Fact]
    public async Task RunAsync_ExplicitDeny_NamesTheRule()
    {
        var deny = new PolicyRule { Id = "never-deployments", Effect = PolicyEffect.Deny, Tools = ["*"], Resources = ["arn:aws:s3:::my-app-deployments/*"] };
        var fixture = new PipelineFixture([PipelineFixture.AllowAll(), deny]);

        var outcome = await fixture.CallAsync("put-thing", Args);

        Assert.True(outcome.IsError);
        Assert.Equal(["never-deployments"], outcome.RuleIds);
        Assert.Empty(fixture.Vendor.Requests);
    }

    [Theory]
    [InlineData("""{"bucket":"b"}""")]
    [InlineData("""{"bucket":"b","key":"k","extra":"x"}""")]
    [InlineData("""{"bucket":1,"key":"k"}""")]
    [InlineData("""{"bucket":"","key":"k"}""")]
    [InlineData("""{"bucket":"b","key":"a*"}""")]
    [InlineData("""{"bucket":"b","key":"${aws:username}"}""")]
    [InlineData("""[1,2]""")]
    public async Task RunAsync_InvalidArguments_RefusedAndAudited(string json)
    {
        var fixture = new PipelineFixture([PipelineFixture.AllowAll()]);

        var outcome = await fixture.CallAsync("put-thing", json);

        Assert.True(outcome.IsError);
        Assert.Equal("deny", outcome.Decision);
        Assert.Contains("invalid arguments", outcome.Message, StringComparison.Ordinal);
        Assert.Empty(fixture.Vendor.Requests);
        Assert.Equal("InvalidArguments", fixture.Store.Records[^1].ErrorCode);
    }

    [Fact]
    public async Task RunAsync_UnknownTool_RefusedAndAudited()
    {
        var fixture = new PipelineFixture([PipelineFixture.AllowAll()]);

        var outcome = await fixture.CallAsync("delete-everything", "{}");

        Assert.True(outcome.IsError);
        Assert.Contains("unknown tool `delete-everything`", outcome.Message, StringComparison.Ordinal);
        Assert.Equal("delete-everything", fixture.Store.Records[0].Tool);
        Assert.Equal("UnknownTool", fixture.Store.Records[1].ErrorCode);
    }

    [Fact]
    public async Task RunAsync_HugeUnknownToolName_RecordedByPrefixAndHash()
    {
        var fixture = new PipelineFixture([PipelineFixture.AllowAll()]);
        var name = new string('x', 1024 * 1024);

        var outcome = await fixture.CallAsync(name, "{}");

        Assert.True(outcome.IsError);
        Assert.True(outcome.Message.Length < 300);
        Assert.All(fixture.Store.Records, r => Assert.True(r.Tool.Length < 200));
        Assert.Contains("sha256:", fixture.Store.Records[0].Tool, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_AuditStoreDown_RefusesWithoutAwsCall()
    {
        var fixture = new PipelineFixture([PipelineFixture.AllowAll()]);
        fixture.Store.FailWrites = true;

        var outcome = await fixture.CallAsync("put-thing", Args);

        Assert.True(outcome.IsError);
        Assert.Contains("audit log cannot be written", outcome.Message, StringComparison.Ordinal);
        Assert.Empty(fixture.Vendor.Requests);
        Assert.Empty(fixture.Handler.Invocations);
    }

    [Fact]
    public async Task RunAsync_ManifestRequiresApproval_RefusedEvenWhenRuleAllows()
    {
        var fixture = new PipelineFixture([PipelineFixture.AllowAll()], ApprovalRequirement.Required);

        var outcome = await fixture.CallAsync("put-thing", Args);

        Assert.True(outcome.IsError);
        Assert.Equal(AuditDecisions.ApprovalPending, outcome.Decision);
        Assert.Contains("needs approval", outcome.Message, StringComparison.Ordinal);
        Assert.Empty(fixture.Vendor.Requests);
        Assert.Equal("ApprovalPending", fixture.Store.Records[^1].ErrorCode);
    }

    [Fact]
    public async Task RunAsync_RuleRequiresApproval_Refused()
    {
        var rule = PipelineFixture.AllowAll() with { Approval = ApprovalRequirement.Required };
        var fixture = new PipelineFixture([rule]);

        var outcome = await fixture.CallAsync("put-thing", Args);

        Assert.True(outcome.IsError);
        Assert.Equal(["allow-all"], outcome.RuleIds);
        Assert.Empty(fixture.Handler.Invocations);
    }

    [Fact]
    public async Task RunAsync_SessionPolicyOver2048_Refused()
    {
        var fixture = new PipelineFixture([PipelineFixture.AllowAll()]);

        var outcome = await fixture.CallAsync("put-thing", $$"""{"bucket":"b","key":"{{new string('k', 2100)}}"}""");

        Assert.True(outcome.IsError);
        Assert.Contains("over STS's 2048", outcome.Message, StringComparison.Ordinal);
        Assert.Empty(fixture.Vendor.Requests);
    }

    [Fact]
    public async Task RunAsync_AwsError_IsErrorWithCode()
    {
        var fixture = new PipelineFixture([PipelineFixture.AllowAll()]);
        fixture.Handler.Answer = _ => ToolInvocationResult.Failure("NoSuchBucket", "the bucket does not exist", ["req-9"]);

        var outcome = await fixture.CallAsync("put-thing", Args);

        Assert.True(outcome.IsError);
        Assert.Equal("NoSuchBucket", outcome.AwsErrorCode);
        Assert.Equal("error", fixture.Store.Records[^1].Outcome);
        Assert.Equal("NoSuchBucket", fixture.Store.Records[^1].ErrorCode);
    }

    [Fact]
    public async Task RunAsync_HandlerThrows_GenericErrorWithoutExceptionText()
    {
        var fixture = new PipelineFixture([PipelineFixture.AllowAll()]);
        fixture.Handler.Answer = _ => throw new InvalidOperationException("secret-internal-detail AKIAEXAMPLE");

        var outcome = await fixture.CallAsync("put-thing", Args);

        Assert.True(outcome.IsError);
        Assert.DoesNotContain("secret-internal-detail", outcome.Message, StringComparison.Ordinal);
        Assert.Equal("InternalError", fixture.Store.Records[^1].ErrorCode);
    }

    [Fact]
    public async Task RunAsync_AuditChain_LinksEveryRecord()
    {
        var fixture = new PipelineFixture([PipelineFixture.AllowAll()]);

        await fixture.CallAsync("put-thing", Args);
        await fixture.CallAsync("nope", "{}");

        var records = fixture.Store.Records;
        for (var i = 1; i < records.Count; i++)
        {
            Assert.Equal(records[i - 1].Hash, records[i].PrevHash);
        }
    }
}
