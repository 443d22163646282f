using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Sentrely.Approval;
using Sentrely.Arguments;
using Sentrely.Audit;
using Sentrely.Configuration;
using Sentrely.Credentials;
using Sentrely.Invocation;
using Sentrely.Limits;
using Sentrely.Pipeline;
using Sentrely.Policy;
using Sentrely.Sessions;
using Sentrely.TestUtilities;

namespace Sentrely.Core.Tests.Pipeline;

/// <summary>A real pipeline with every real stage, a fake tool, an in-memory audit store and a recording vendor.</summary>
internal sealed class PipelineFixture
{
    public PipelineFixture(IReadOnlyList<PolicyRule> rules, ApprovalRequirement? manifestApproval = null, IReadOnlyList<RateLimitRule>? rateLimits = null, ApprovalsConfig? approvals = null)
    {
        Config = new SentrelyConfig
        {
            Aws = new AwsConfig
            {
                AccountId = "111122223333",
                Roles = new Dictionary<string, string> { ["deploy"] = "arn:aws:iam::111122223333:role/sentrely-agent-deploy" },
            },
            Policy = new PolicyConfig { Rules = rules, RateLimits = rateLimits ?? [] },
            Approvals = approvals ?? new ApprovalsConfig(),
        };
        Handler = new FakeToolHandler("put-thing");
        Registry = ToolRegistry.Create([Handler.Manifest(approval: manifestApproval)], [Handler]);
        Vendor = new RecordingCredentialVendor(Time);
        Holder = new ConfigurationHolder(ActiveConfiguration.From(Config));
        RateLimits = new InMemoryRateLimitStore(Time);
        var killSwitch = new KillSwitchStage(Sessions, k => Kills.Add(k), Time);
        Pipeline = new ToolCallPipeline(
            Registry,
            [killSwitch, new RateLimitStage(RateLimits), new CredentialScopeStage(), new PolicyStage(), new ApprovalStage(Approvals, Notifier, null, killSwitch, Time, NullLogger<ApprovalStage>.Instance), new ArgumentValidationStage()],
            () => Holder.Current,
            new AuditTrail(Store, Time),
            Vendor,
            Time,
            NullLogger<ToolCallPipeline>.Instance);
    }

    public FakeTimeProvider Time { get; } = new();

    /// <summary>Gets the approval requests the approval stage opens and uses.</summary>
    public InMemoryApprovalStore Approvals { get; } = new();

    /// <summary>Gets the requests reviewers were told about.</summary>
    public RecordingApprovalNotifier Notifier { get; } = new();

    /// <summary>Gets the session registry the kill-switch stage reads.</summary>
    public InMemorySessionRegistry Sessions { get; } = new();

    /// <summary>Gets the kills the stage reported (where the runtime clears cached credentials).</summary>
    public List<KillRule> Kills { get; } = [];

    /// <summary>Gets the holder the pipeline reads its configuration from (tests swap it to simulate a reload).</summary>
    public ConfigurationHolder Holder { get; }

    public SentrelyConfig Config { get; }

    public FakeToolHandler Handler { get; }

    public ToolRegistry Registry { get; }

    public InMemoryAuditStore Store { get; } = new();

    public RecordingCredentialVendor Vendor { get; }

    public InMemoryRateLimitStore RateLimits { get; }

    public ToolCallPipeline Pipeline { get; }

    public SessionContext Session { get; } = new("sess_test0000000000000000", "jordan", "backend-api", "agent", "test-client", "1.0", "stdio");

    public ValueTask<ToolCallOutcome> CallAsync(string tool, string argumentsJson, IApprovalPrompt? prompt = null, SessionContext? session = null, IProgressReporter? progress = null) =>
        Pipeline.RunAsync(new ToolCallRequest(session ?? Session, tool, JsonDocument.Parse(argumentsJson).RootElement, progress ?? NoFileRoots.Instance, NoFileRoots.Instance, prompt), default);

    public static PolicyRule AllowAll() => new() { Id = "allow-all", Effect = PolicyEffect.Allow, Tools = ["*"] };
}
