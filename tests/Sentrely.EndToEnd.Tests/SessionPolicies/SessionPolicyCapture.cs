using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Sentrely.Audit;
using Sentrely.Configuration;
using Sentrely.Credentials;
using Sentrely.Limits;
using Sentrely.Mcp.Hosting;
using Sentrely.Pipeline;
using Sentrely.Policy;
using Sentrely.Sessions;
using Sentrely.TestUtilities;

namespace Sentrely.EndToEnd.Tests.SessionPolicies;

/// <summary>
/// Runs calls through the production tools and stages with an allow-all policy and captures the session
/// policy each would send to STS; the vendor then refuses, so nothing reaches AWS.
/// </summary>
internal sealed class SessionPolicyCapture : ICredentialVendor
{
    private readonly ToolCallPipeline _pipeline;
    private readonly SessionContext _session = new(Identifiers.NewSessionId(), "jordan", "backend-api", "agent", "iam-tests", "1", "stdio");
    private CredentialRequest? _last;

    /// <param name="approved">Whether every call counts as approved by a human (else a call needing approval vends nothing).</param>
    public SessionPolicyCapture(bool approved = false)
    {
        var tools = new SentrelyTools();
        var config = new SentrelyConfig
        {
            Aws = new AwsConfig
            {
                AccountId = "111122223333",
                Roles = new Dictionary<string, string> { ["read"] = SandboxWorld.ReadRole, ["deploy"] = SandboxWorld.DeployRole },
            },
            Policy = new PolicyConfig { Rules = [new PolicyRule { Id = "all", Effect = PolicyEffect.Allow, Tools = ["*"] }] },
        };
        var active = ActiveConfiguration.From(config);
        _pipeline = new ToolCallPipeline(
            tools.Registry, SentrelyRuntime.Stages(new InMemoryRateLimitStore(TimeProvider.System), new InMemoryInstanceLedger(TimeProvider.System), new KillSwitchStage(new InMemorySessionRegistry(), _ => { }, TimeProvider.System), approved ? new ApprovedByHumanStage() : new ApprovalPreviewStage()), () => active, new AuditTrail(new InMemoryAuditStore(), TimeProvider.System), this, TimeProvider.System, NullLogger<ToolCallPipeline>.Instance);
    }

    public async Task<string> PolicyForAsync(string tool, string argumentsJson)
    {
        _last = null;
        var outcome = await _pipeline.RunAsync(new ToolCallRequest(_session, tool, JsonDocument.Parse(argumentsJson).RootElement, NoFileRoots.Instance, NoFileRoots.Instance), default);
        return _last?.SessionPolicy ?? throw new InvalidOperationException($"{tool} vended nothing: {outcome.Message}");
    }

    public ValueTask<ScopedCredentials> VendAsync(CredentialRequest request, CancellationToken cancellationToken)
    {
        _last = request;
        throw new CredentialVendingException("captured for the IAM simulator; no AWS call");
    }
}
