using System.Text;
using System.Text.Json;
using Sentrely.Pipeline;
using Sentrely.Sandbox;

namespace Sentrely.EndToEnd.Tests.InProcess;

/// <summary>Every curated tool through the real pipeline and the real AWS SDK clients against the signature-verifying double.</summary>
public sealed class ToolIntegrationTests : IClassFixture<SandboxWorld>, IAsyncLifetime
{
    private readonly SandboxWorld _world;
    private InProcessSentrely _sentrely = null!;

    public ToolIntegrationTests(SandboxWorld world) => _world = world;

    private AwsTestDouble Aws => _world.Double;

    public async Task InitializeAsync() => _sentrely = await InProcessSentrely.StartAsync(_world);

    public async Task DisposeAsync() => await _sentrely.DisposeAsync();

    [Fact]
    public async Task PutBuildArtifact_Allowed_SignedByCredentialsScopedToThatKey()
    {
        var outcome = await CallAsync("put-build-artifact", """{"bucket":"my-app-deployments","key":"builds/2.0/app.txt","text":"hello"}""");

        Assert.False(outcome.IsError, outcome.Message);
        Assert.Equal("hello", Encoding.UTF8.GetString(Aws.State.GetObject(SandboxWorld.Bucket, "builds/2.0/app.txt")!));
        var request = SingleAwsRequest("s3:PutObject");
        Assert.Equal(["arn:aws:s3:::my-app-deployments/builds/2.0/app.txt"], request.Resources);
        var assumed = AssertSignedByScopedSession(request, SandboxWorld.DeployRole, "put-build-artifact", outcome);
        Assert.Equal("""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:PutObject","Resource":"arn:aws:s3:::my-app-deployments/builds/2.0/app.txt"}]}""", assumed.Policy);
    }

    [Fact]
    public async Task PutBuildArtifact_PathInsideRoot_UploadsFile_PathOutsideRefused()
    {
        var file = Path.Combine(_world.WorkFolder, "dist.txt");
        await File.WriteAllTextAsync(file, "built");
        var outside = Path.Combine(_world.Folder, "config", "sentrely.yaml");

        var ok = await CallAsync("put-build-artifact", $$"""{"bucket":"my-app-deployments","key":"builds/2.0/dist.txt","path":"dist.txt"}""");
        var refused = await RefusedWithoutAwsRequestAsync("put-build-artifact", JsonSerializer.Serialize(new Dictionary<string, string> { ["bucket"] = SandboxWorld.Bucket, ["key"] = "builds/x", ["path"] = outside }));

        Assert.False(ok.IsError, ok.Message);
        Assert.Equal("built", Encoding.UTF8.GetString(Aws.State.GetObject(SandboxWorld.Bucket, "builds/2.0/dist.txt")!));
        Assert.Contains("path", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetBuildArtifact_ReadRole_ReturnsText()
    {
        var outcome = await CallAsync("get-build-artifact", """{"bucket":"my-app-deployments","key":"builds/1.0/notes.txt"}""");

        Assert.False(outcome.IsError, outcome.Message);
        Assert.Equal("release notes", outcome.Structured!.Value.GetProperty("text").GetString());
        AssertSignedByScopedSession(SingleAwsRequest("s3:GetObject"), SandboxWorld.ReadRole, "get-build-artifact", outcome);
    }

    [Fact]
    public async Task ListBuildArtifacts_PrefixPinnedInSessionPolicy()
    {
        var outcome = await CallAsync("list-build-artifacts", """{"bucket":"my-app-deployments","prefix":"builds/1.0/"}""");

        Assert.False(outcome.IsError, outcome.Message);
        Assert.Equal(2, outcome.Structured!.Value.GetProperty("artifacts").GetArrayLength());
        var request = SingleAwsRequest("s3:ListBucket");
        Assert.Equal("builds/1.0/", request.ContextKeys["s3:prefix"]);
        var assumed = AssertSignedByScopedSession(request, SandboxWorld.ReadRole, "list-build-artifacts", outcome);
        Assert.Contains("\"s3:prefix\":\"builds/1.0/\"", assumed.Policy, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UpdateFunctionCode_WaitsForSuccessWithProgress()
    {
        var zip = Convert.ToBase64String(Encoding.UTF8.GetBytes("new code"));

        var outcome = await CallAsync("update-function-code", $$"""{"functionName":"webhooks-handler","zipBase64":"{{zip}}"}""");

        Assert.False(outcome.IsError, outcome.Message);
        Assert.Equal("Successful", outcome.Structured!.Value.GetProperty("function").GetProperty("lastUpdateStatus").GetString());
        Assert.Contains(_sentrely.ProgressMessages, m => m.Contains("InProgress", StringComparison.Ordinal));
        var update = SingleAwsRequest("lambda:UpdateFunctionCode");
        Assert.Equal(["arn:aws:lambda:us-east-1:111122223333:function:webhooks-handler"], update.Resources);
        AssertSignedByScopedSession(update, SandboxWorld.DeployRole, "update-function-code", outcome);
    }

    [Fact]
    public async Task UpdateFunctionCode_FromS3Object_ReadsOnlyThatObject()
    {
        var outcome = await CallAsync("update-function-code", """{"functionName":"webhooks-handler","s3Bucket":"my-app-deployments","s3Key":"builds/1.0/app.zip"}""");

        Assert.False(outcome.IsError, outcome.Message);
        var assumed = AssertSignedByScopedSession(SingleAwsRequest("lambda:UpdateFunctionCode"), SandboxWorld.DeployRole, "update-function-code", outcome);
        Assert.Contains(
            "\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::my-app-deployments/builds/1.0/app.zip\",\"Condition\":{\"StringEquals\":{\"s3:ResourceAccount\":\"111122223333\"}}",
            assumed.Policy,
            StringComparison.Ordinal);

        // Without approval no version is pinned, so no lookup is made.
        Assert.DoesNotContain(Aws.Requests, r => r.Service == "s3");
    }

    [Fact]
    public async Task GetFunction_ReturnsEnvironmentNamesNeverValues()
    {
        var outcome = await CallAsync("get-function", """{"functionName":"arn:aws:lambda:us-east-1:111122223333:function:webhooks-handler"}""");

        Assert.False(outcome.IsError, outcome.Message);
        Assert.Equal(["DB_PASSWORD", "STAGE"], outcome.Structured!.Value.GetProperty("environmentVariableNames").EnumerateArray().Select(e => e.GetString()).Order());
        Assert.DoesNotContain(SandboxWorld.EnvironmentSecret, outcome.Structured.Value.GetRawText(), StringComparison.Ordinal);
        AssertSignedByScopedSession(SingleAwsRequest("lambda:GetFunctionConfiguration"), SandboxWorld.ReadRole, "get-function", outcome);
    }

    [Fact]
    public async Task ListFunctions_NoEnvironmentValues()
    {
        var outcome = await CallAsync("list-functions", "{}");

        Assert.False(outcome.IsError, outcome.Message);
        Assert.Equal(2, outcome.Structured!.Value.GetProperty("functions").GetArrayLength());
        Assert.DoesNotContain(SandboxWorld.EnvironmentSecret, outcome.Structured.Value.GetRawText(), StringComparison.Ordinal);
        var assumed = AssertSignedByScopedSession(SingleAwsRequest("lambda:ListFunctions"), SandboxWorld.ReadRole, "list-functions", outcome);
        Assert.Equal("""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"lambda:ListFunctions","Resource":"*"}]}""", assumed.Policy);
    }

    [Fact]
    public async Task DescribeInstances_ListsSeededInstances()
    {
        var outcome = await CallAsync("describe-instances", """{"filters":[{"name":"instance-type","values":["t3.*"]}]}""");

        Assert.False(outcome.IsError, outcome.Message);
        Assert.True(outcome.Structured!.Value.GetProperty("instances").GetArrayLength() >= 2);
        AssertSignedByScopedSession(SingleAwsRequest("ec2:DescribeInstances"), SandboxWorld.ReadRole, "describe-instances", outcome);
    }

    [Fact]
    public async Task RunInstances_SmallType_LaunchesTaggedInstanceWithPinnedType()
    {
        var outcome = await CallAsync("run-instances", $$"""{"imageId":"{{SandboxWorld.Image}}","instanceType":"t3.micro","count":1,"subnetId":"{{SandboxWorld.Subnet}}","securityGroupIds":["{{SandboxWorld.SecurityGroup}}"]}""");

        Assert.False(outcome.IsError, outcome.Message);
        var id = outcome.Structured!.Value.GetProperty("instances")[0].GetProperty("instanceId").GetString()!;
        Assert.Equal(_sentrely.Session.SessionId, Aws.State.GetInstance(id)!.Tags["sentrely:session"]);
        var assumed = AssertSignedByScopedSession(SingleAwsRequest("ec2:RunInstances"), SandboxWorld.DeployRole, "run-instances", outcome);
        Assert.Contains("\"ec2:InstanceType\":\"t3.micro\"", assumed.Policy, StringComparison.Ordinal);
        Assert.Contains($"subnet/{SandboxWorld.Subnet}", assumed.Policy, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StopAndStartInstances_OnlyTheNamedInstances()
    {
        var stopped = await CallAsync("stop-instances", $$"""{"instanceIds":["{{_world.InstanceId}}"]}""");
        var stopRequest = SingleAwsRequest("ec2:StopInstances");
        var started = await CallAsync("start-instances", $$"""{"instanceIds":["{{_world.OtherInstanceId}}"]}""");

        Assert.False(stopped.IsError, stopped.Message);
        Assert.False(started.IsError, started.Message);
        Assert.Equal("stopped", Aws.State.GetInstance(_world.InstanceId)!.State);
        Assert.Equal("running", Aws.State.GetInstance(_world.OtherInstanceId)!.State);
        var assumed = AssertSignedByScopedSession(stopRequest, SandboxWorld.DeployRole, "stop-instances", stopped);
        Assert.Contains($"instance/{_world.InstanceId}", assumed.Policy, StringComparison.Ordinal);
        Assert.DoesNotContain(_world.OtherInstanceId, assumed.Policy, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunInstances_BiggerTypeOrCount_DeniedByPolicy_NoAwsRequest()
    {
        var big = await RefusedWithoutAwsRequestAsync("run-instances", $$"""{"imageId":"{{SandboxWorld.Image}}","instanceType":"m5.24xlarge","count":1}""");
        var many = await RefusedWithoutAwsRequestAsync("run-instances", $$"""{"imageId":"{{SandboxWorld.Image}}","instanceType":"t3.micro","count":3}""");

        Assert.Contains("no rule allows", big.Message, StringComparison.Ordinal);
        Assert.Contains("no rule allows", many.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TerminateInstances_ApprovalRequiredByManifest_NoAwsRequest()
    {
        var outcome = await RefusedWithoutAwsRequestAsync("terminate-instances", $$"""{"instanceIds":["{{_world.InstanceId}}"]}""");

        Assert.Contains("approval", outcome.Message, StringComparison.Ordinal);
        Assert.NotEqual("terminated", Aws.State.GetInstance(_world.InstanceId)!.State);
    }

    [Theory]
    [InlineData("put-build-artifact", """{"bucket":"other-bucket","key":"builds/x","text":"x"}""", "no rule allows")]
    [InlineData("update-function-code", """{"functionName":"payments-prod","zipBase64":"eA=="}""", "never-prod")]
    [InlineData("put-build-artifact", """{"bucket":"my-app-deployments","key":"builds/*","text":"x"}""", "invalid arguments")]
    [InlineData("put-build-artifact", """{"bucket":"my-app-deployments","key":"builds/../secrets","text":"x"}""", "invalid arguments")]
    [InlineData("get-function", """{"functionName":"arn:aws:lambda:us-east-1:999999999999:function:webhooks-handler"}""", "invalid arguments")]
    [InlineData("get-build-artifact", """{"bucket":"my-app-deployments","key":"builds/1.0/app.zip","extra":true}""", "invalid arguments")]
    [InlineData("aws-cli", """{"command":"s3 rm --recursive"}""", "unknown tool")]
    [InlineData("put-build-artifact", """{"bucket":"my-app-deployments","key":"builds/x","contentBase64":"not base64!"}""", "not valid base64")]
    [InlineData("put-build-artifact", """{"bucket":"my-app-deployments","key":"builds/x","text":"a","contentBase64":"YQ=="}""", "exactly one of")]
    [InlineData("update-function-code", """{"functionName":"webhooks-handler","imageUri":"evil.example.com/app:latest"}""", "ECR image URI")]
    public async Task HostileOrForbiddenCalls_RefusedWithoutAnyAwsRequest(string tool, string json, string expected)
    {
        var outcome = await RefusedWithoutAwsRequestAsync(tool, json);

        Assert.Contains(expected, outcome.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListPermissions_AnsweredWithoutAws()
    {
        var outcome = await RefusedOrAnsweredWithoutAwsAsync("list-permissions", "{}");

        Assert.False(outcome.IsError, outcome.Message);
        Assert.Contains("builds-rw", outcome.Structured!.Value.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PerScopeReuse_IdenticalScope_OneAssumeRole()
    {
        Aws.ClearRecords();

        var first = await _sentrely.CallAsync("get-build-artifact", """{"bucket":"my-app-deployments","key":"builds/1.0/app.zip"}""");
        var second = await _sentrely.CallAsync("get-build-artifact", """{"bucket":"my-app-deployments","key":"builds/1.0/app.zip"}""");
        var other = await _sentrely.CallAsync("get-build-artifact", """{"bucket":"my-app-deployments","key":"builds/1.0/notes.txt"}""");

        Assert.False(first.IsError || second.IsError || other.IsError);
        Assert.Equal(2, Aws.AssumeRoles.Count);
        Assert.Equal(3, Aws.Requests.Count(r => r.Action == "s3:GetObject"));
    }

    [Fact]
    public async Task PerCallReuse_EveryCallAssumesRoleAfresh()
    {
        var perCall = Path.Combine(_world.Folder, "config", "per-call.yaml");
        await File.WriteAllTextAsync(perCall, (await File.ReadAllTextAsync(_world.ConfigPath)).Replace("reuse: per-scope", "reuse: per-call", StringComparison.Ordinal));
        await using var sentrely = await InProcessSentrely.StartAsync(_world, perCall);
        Aws.ClearRecords();

        var first = await sentrely.CallAsync("get-build-artifact", """{"bucket":"my-app-deployments","key":"builds/1.0/app.zip"}""");
        var second = await sentrely.CallAsync("get-build-artifact", """{"bucket":"my-app-deployments","key":"builds/1.0/app.zip"}""");

        Assert.False(first.IsError || second.IsError);
        Assert.Equal(2, Aws.AssumeRoles.Count);
        Assert.NotEqual(Aws.AssumeRoles[0].IssuedAccessKeyId, Aws.AssumeRoles[1].IssuedAccessKeyId);
    }

    private async Task<ToolCallOutcome> CallAsync(string tool, string json)
    {
        Aws.ClearRecords();
        return await _sentrely.CallAsync(tool, json);
    }

    private async Task<ToolCallOutcome> RefusedWithoutAwsRequestAsync(string tool, string json)
    {
        var outcome = await RefusedOrAnsweredWithoutAwsAsync(tool, json);
        Assert.True(outcome.IsError, $"{tool} was not refused");
        return outcome;
    }

    private async Task<ToolCallOutcome> RefusedOrAnsweredWithoutAwsAsync(string tool, string json)
    {
        var outcome = await CallAsync(tool, json);
        Assert.Empty(Aws.Requests);
        Assert.DoesNotContain(Aws.AssumeRoles, a => a.RoleSessionName.Contains(outcome.CallId, StringComparison.Ordinal));
        return outcome;
    }

    private RequestRecord SingleAwsRequest(string action) => Assert.Single(Aws.Requests, r => r.Action == action);

    private AssumeRoleRecord AssertSignedByScopedSession(RequestRecord request, string role, string tool, ToolCallOutcome outcome)
    {
        Assert.True(request.SignatureValid);
        Assert.True(request.Authorized, request.DenyReason);
        var assumed = request.SignedBy ?? throw new Xunit.Sdk.XunitException("the request was not signed by AssumeRole credentials");
        Assert.Equal(role, assumed.RoleArn);
        Assert.Equal("jordan", assumed.SourceIdentity);
        Assert.Equal(900, assumed.DurationSeconds);
        Assert.StartsWith(_sentrely.Session.SessionId + ".call_", assumed.RoleSessionName, StringComparison.Ordinal);
        Assert.Equal(
            [new("agent-session", _sentrely.Session.SessionId), new("developer", "jordan"), new("project", "backend-api"), new("tool", tool), new("actor", "agent")],
            assumed.Tags);
        Assert.Equal(Aws.BaseAccessKeyId, assumed.CallerAccessKeyId);
        Assert.NotEqual(Aws.BaseAccessKeyId, request.AccessKeyId);
        _ = outcome;
        return assumed;
    }
}
