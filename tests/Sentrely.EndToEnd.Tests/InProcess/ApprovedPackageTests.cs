using System.Text;
using Sentrely.Approval;
using Sentrely.Audit;
using Sentrely.Pipeline;

namespace Sentrely.EndToEnd.Tests.InProcess;

/// <summary>
/// An approved deploy from S3 is bound to the bytes approved: the package's version is looked up (read role, that one
/// object) before approval, fingerprinted, and deployed with S3ObjectVersion — through the real pipeline and the double.
/// </summary>
public sealed class ApprovedPackageTests : IClassFixture<SandboxWorld>, IAsyncLifetime
{
    private const string Versioned = "versioned-builds";
    private const string Key = "webhooks/app.zip";

    private static readonly string Rules = SandboxWorld.PolicyRules + "\n" + """
        - id: webhooks-approved
          effect: allow
          tools: [update-function-code]
          resources: ["arn:aws:lambda:us-east-1:111122223333:function:webhooks-*"]
          approval: required
        """;

    private readonly SandboxWorld _world;
    private InProcessSentrely _sentrely = null!;

    public ApprovedPackageTests(SandboxWorld world) => _world = world;

    public async Task InitializeAsync()
    {
        var path = Path.Combine(_world.Folder, "config", "approved-package.yaml");
        await File.WriteAllTextAsync(path, _world.ConfigWithRules(Rules));
        _world.Double.State.EnableVersioning(Versioned);
        _sentrely = await InProcessSentrely.StartAsync(_world, path);
        _world.Double.ClearRecords();
    }

    public async Task DisposeAsync() => await _sentrely.DisposeAsync();

    [Fact]
    public async Task UpdateFunctionCode_KeyOverwrittenWhileApproving_DeploysTheApprovedVersion()
    {
        // Arrange: the human approves; meanwhile the agent overwrites the key with other code.
        var approvedVersion = _world.Double.State.PutObject(Versioned, Key, "PK approved"u8)!;
        var prompt = new OverwritingPrompt(() => _world.Double.State.PutObject(Versioned, Key, "PK swapped"u8));

        // Act
        var outcome = await _sentrely.CallAsync("update-function-code", Deploy(Key), prompt);

        // Assert: the approved bytes were deployed, by version, with credentials pinned to that version.
        Assert.False(outcome.IsError, outcome.Message);
        Assert.Equal("approved", outcome.Decision);
        Assert.Equal("PK approved", Encoding.UTF8.GetString(_world.Double.State.GetFunction(SandboxWorld.Function)!.Code));
        var update = Assert.Single(_world.Double.Requests, r => r.Action == "lambda:UpdateFunctionCode");
        Assert.True(update.Authorized, update.DenyReason);
        Assert.Equal(approvedVersion, update.ContextKeys["s3:versionid"]);
        Assert.Equal(SandboxWorld.DeployRole, update.SignedBy!.RoleArn);
        Assert.Contains($"\"s3:versionid\":\"{approvedVersion}\"", update.SignedBy.Policy, StringComparison.Ordinal);

        // The lookup: a HeadObject by the read role, allowed that one object of this account only, listed in the intent.
        var head = Assert.Single(_world.Double.Requests, r => r.Action == "s3:GetObject");
        Assert.Equal(SandboxWorld.ReadRole, head.SignedBy!.RoleArn);
        Assert.Equal(
            "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::" + Versioned + "/" + Key
                + "\",\"Condition\":{\"StringEquals\":{\"s3:ResourceAccount\":\"111122223333\"}}}]}",
            head.SignedBy.Policy);
        var intent = (await RecordsAsync(outcome.CallId)).First(r => r.Phase == "intent");
        Assert.Contains($"s3:HeadObject arn:aws:s3:::{Versioned}/{Key}", intent.Reason, StringComparison.Ordinal);
        Assert.Contains($"version {approvedVersion}", intent.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UpdateFunctionCode_ApprovedThenKeyOverwritten_AsksAgainWithoutDeploying()
    {
        // Arrange: a reviewer approves the pending request out of band.
        const string Other = "webhooks/other.zip";
        _world.Double.State.PutObject(Versioned, Other, "PK approved"u8);
        var pending = await _sentrely.CallAsync("update-function-code", Deploy(Other));
        var approvals = _sentrely.Runtime.Store.Approvals;
        await approvals.DecideAsync(pending.ApprovalId!, true, "sam", "looks good", TimeProvider.System.GetUtcNow(), TimeSpan.FromMinutes(15), CancellationToken.None);
        _world.Double.State.PutObject(Versioned, Other, "PK swapped"u8);

        // Act
        var retried = await _sentrely.CallAsync("update-function-code", Deploy(Other));

        // Assert: other bytes behind the same key are another call.
        Assert.Equal("approval_pending", pending.Decision);
        Assert.Equal("approval_pending", retried.Decision);
        Assert.NotEqual(pending.ApprovalId, retried.ApprovalId);
        Assert.DoesNotContain(_world.Double.Requests, r => r.Action == "lambda:UpdateFunctionCode");
    }

    [Fact]
    public async Task UpdateFunctionCode_UnversionedBucketNeedsApproval_RefusedWithoutDeploying()
    {
        // Act: my-app-deployments is not versioned.
        var outcome = await _sentrely.CallAsync(
            "update-function-code", """{"functionName":"webhooks-handler","s3Bucket":"my-app-deployments","s3Key":"builds/1.0/app.zip"}""", new OverwritingPrompt(() => null));

        // Assert
        Assert.True(outcome.IsError);
        Assert.Equal("deny", outcome.Decision);
        Assert.Contains("is not versioned", outcome.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(_world.Double.Requests, r => r.Action == "lambda:UpdateFunctionCode");
        Assert.DoesNotContain(_world.Double.AssumeRoles, a => a.RoleArn == SandboxWorld.DeployRole);
    }

    [Fact]
    public async Task UpdateFunctionCode_MissingPackageNeedsApproval_RefusedListingTheLookup()
    {
        // Act
        var outcome = await _sentrely.CallAsync("update-function-code", Deploy("webhooks/missing.zip"), new OverwritingPrompt(() => null));

        // Assert: fail closed, and the read-only lookup is on record.
        Assert.True(outcome.IsError);
        Assert.Equal("deny", outcome.Decision);
        Assert.Contains("could not be looked up", outcome.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(_world.Double.Requests, r => r.Action == "lambda:UpdateFunctionCode");
        var records = await RecordsAsync(outcome.CallId);
        Assert.All(records, r => Assert.Contains($"s3:HeadObject arn:aws:s3:::{Versioned}/webhooks/missing.zip", r.Reason, StringComparison.Ordinal));
    }

    private static string Deploy(string key) => $$"""{"functionName":"webhooks-handler","s3Bucket":"{{Versioned}}","s3Key":"{{key}}"}""";

    private async Task<List<AuditRecord>> RecordsAsync(string callId)
    {
        var records = new List<AuditRecord>();
        await foreach (var record in _sentrely.Runtime.AuditStore!.ReadAsync(new AuditQuery { SessionId = _sentrely.Session.SessionId }, CancellationToken.None))
        {
            if (record.CallId == callId)
            {
                records.Add(record);
            }
        }

        return records;
    }

    /// <summary>A human who approves; <paramref name="meanwhile"/> runs while the question is open (the agent acting).</summary>
    private sealed class OverwritingPrompt(Func<string?> meanwhile) : IApprovalPrompt
    {
        public ValueTask<PromptAnswer> AskAsync(string message, CancellationToken cancellationToken)
        {
            meanwhile();
            return ValueTask.FromResult(PromptAnswer.Accepted);
        }
    }
}
