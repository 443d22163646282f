using Sentrely.Audit;
using Sentrely.Pipeline;

namespace Sentrely.EndToEnd.Tests.InProcess;

/// <summary>
/// What a call touches besides its main resource (a deploy's S3 package, a qualified function ARN, a launch's image,
/// subnet and security groups) is seen by deny rules and the audit record, through the real pipeline and the double.
/// </summary>
public sealed class SecondaryResourceTests : IClassFixture<SandboxWorld>, IAsyncLifetime
{
    private const string SecretsBucket = "acme-secrets";

    private static readonly string Rules = SandboxWorld.PolicyRules + "\n" + $$"""
        - id: no-secrets
          effect: deny
          tools: ["*"]
          resources: ["arn:aws:s3:::{{SecretsBucket}}/*"]
        - id: no-shared-subnet
          effect: deny
          tools: [run-instances]
          resources: ["arn:aws:ec2:*:*:subnet/{{SandboxWorld.Subnet}}"]
        """;

    private readonly SandboxWorld _world;
    private InProcessSentrely _sentrely = null!;

    public SecondaryResourceTests(SandboxWorld world) => _world = world;

    public async Task InitializeAsync()
    {
        var path = Path.Combine(_world.Folder, "config", "secondary-resources.yaml");
        await File.WriteAllTextAsync(path, _world.ConfigWithRules(Rules));
        _world.Double.State.PutObject(SecretsBucket, "pkg.zip", "PK secret"u8);
        _sentrely = await InProcessSentrely.StartAsync(_world, path);
    }

    public async Task DisposeAsync() => await _sentrely.DisposeAsync();

    [Fact]
    public async Task UpdateFunctionCode_PackageInDeniedBucket_DeniedWithoutAwsRequest_AuditNamesPackage()
    {
        // Arrange: the function itself is allowed (rule `webhooks`); only the package's bucket is denied.
        const string Json = $$"""{"functionName":"{{SandboxWorld.Function}}","s3Bucket":"{{SecretsBucket}}","s3Key":"pkg.zip"}""";

        // Act
        var outcome = await RefusedWithoutAwsRequestAsync("update-function-code", Json);

        // Assert
        Assert.Equal(["no-secrets"], outcome.RuleIds);
        Assert.Contains($"arn:aws:s3:::{SecretsBucket}/pkg.zip", outcome.Message, StringComparison.Ordinal);
        var record = await IntentRecordAsync(outcome.CallId);
        Assert.Equal(["arn:aws:lambda:us-east-1:111122223333:function:webhooks-handler", $"arn:aws:s3:::{SecretsBucket}/pkg.zip"], record.Resources);
    }

    [Fact]
    public async Task GetFunction_ProdQualifier_DeniedByNeverProd()
    {
        // Act: `webhooks-handler` is allowed, but the qualified ARN `…:webhooks-handler:prod` matches `*prod*`.
        var outcome = await RefusedWithoutAwsRequestAsync("get-function", """{"functionName":"webhooks-handler","qualifier":"prod"}""");

        // Assert
        Assert.Equal(["never-prod"], outcome.RuleIds);
        var record = await IntentRecordAsync(outcome.CallId);
        Assert.Contains("arn:aws:lambda:us-east-1:111122223333:function:webhooks-handler:prod", record.Resources);
    }

    [Fact]
    public async Task RunInstances_DeniedSubnet_DeniedWithoutAwsRequest_AuditNamesImageSubnetAndGroup()
    {
        // Arrange
        const string Json = $$"""{"imageId":"{{SandboxWorld.Image}}","instanceType":"t3.micro","count":1,"subnetId":"{{SandboxWorld.Subnet}}","securityGroupIds":["{{SandboxWorld.SecurityGroup}}"]}""";

        // Act
        var outcome = await RefusedWithoutAwsRequestAsync("run-instances", Json);

        // Assert
        Assert.Equal(["no-shared-subnet"], outcome.RuleIds);
        var record = await IntentRecordAsync(outcome.CallId);
        Assert.Equal(
            [
                "arn:aws:ec2:us-east-1:111122223333:instance/*",
                $"arn:aws:ec2:us-east-1::image/{SandboxWorld.Image}",
                $"arn:aws:ec2:us-east-1:111122223333:subnet/{SandboxWorld.Subnet}",
                $"arn:aws:ec2:us-east-1:111122223333:security-group/{SandboxWorld.SecurityGroup}",
            ],
            record.Resources);
    }

    [Fact]
    public async Task RunInstances_OtherSubnet_AllowRuleStillMatchesMainResourceOnly()
    {
        // Act: rule `small-instances` has no resources; the deny names another subnet; the launch goes ahead.
        _world.Double.ClearRecords();
        var outcome = await _sentrely.CallAsync("run-instances", $$"""{"imageId":"{{SandboxWorld.Image}}","instanceType":"t3.micro","count":1,"securityGroupIds":["{{SandboxWorld.SecurityGroup}}"]}""");

        // Assert
        Assert.False(outcome.IsError, outcome.Message);
        Assert.Equal(["small-instances"], outcome.RuleIds);
    }

    private async Task<ToolCallOutcome> RefusedWithoutAwsRequestAsync(string tool, string json)
    {
        _world.Double.ClearRecords();
        var outcome = await _sentrely.CallAsync(tool, json);
        Assert.True(outcome.IsError, $"{tool} was not refused");
        Assert.Empty(_world.Double.Requests);
        Assert.Empty(_world.Double.AssumeRoles);
        return outcome;
    }

    // Both records of the call (intent and outcome) carry the same resources; returns the intent.
    private async Task<AuditRecord> IntentRecordAsync(string callId)
    {
        var records = new List<AuditRecord>();
        await foreach (var record in _sentrely.Runtime.AuditStore!.ReadAsync(new AuditQuery { SessionId = _sentrely.Session.SessionId }, CancellationToken.None))
        {
            if (record.CallId == callId)
            {
                records.Add(record);
            }
        }

        Assert.Equal(["intent", "outcome"], records.Select(r => r.Phase));
        Assert.Equal(records[0].Resources, records[1].Resources);
        return records[0];
    }
}
