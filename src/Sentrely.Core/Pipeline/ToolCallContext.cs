using Sentrely.Arguments;
using Sentrely.Credentials;
using Sentrely.Invocation;
using Sentrely.Manifests;
using Sentrely.Policy;

namespace Sentrely.Pipeline;

/// <summary>Gets the state of one call as it moves through the stages; one instance per call, never shared.</summary>
public sealed class ToolCallContext
{
    /// <summary>Initializes a new instance of the <see cref="ToolCallContext"/> class.</summary>
    /// <param name="request">The call as received.</param>
    /// <param name="callId">The call id.</param>
    /// <param name="configuration">The configuration in force for the whole call.</param>
    public ToolCallContext(ToolCallRequest request, string callId, ActiveConfiguration configuration)
    {
        Request = request;
        CallId = callId;
        Configuration = configuration;
    }

    /// <summary>Gets the call as received.</summary>
    public ToolCallRequest Request { get; }

    /// <summary>Gets the call id shared by the call's audit records.</summary>
    public string CallId { get; }

    /// <summary>Gets the configuration snapshot taken when the call started (a reload mid-call does not affect it).</summary>
    public ActiveConfiguration Configuration { get; }

    /// <summary>Gets or sets the tool, once resolved.</summary>
    public RegisteredTool? Tool { get; set; }

    /// <summary>Gets or sets the validated arguments.</summary>
    public ValidatedArguments? Arguments { get; set; }

    /// <summary>Gets or sets the template values: the validated arguments plus partition, region and account.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> TemplateValues { get; set; } = new Dictionary<string, IReadOnlyList<string>>();

    /// <summary>Gets or sets the call's main resource ARNs: the ones allow rules match.</summary>
    public IReadOnlyList<string> Resources { get; set; } = [];

    /// <summary>Gets or sets the ARNs the call touches besides its main resources (the manifest's <c>secondaryResources</c>): deny rules match them too.</summary>
    public IReadOnlyList<string> SecondaryResources { get; set; } = [];

    /// <summary>Gets everything the call touches, main resources first: what deny rules, the audit record and reviewers see.</summary>
    public IReadOnlyList<string> AllResources => SecondaryResources.Count == 0 ? Resources : [.. Resources.Union(SecondaryResources, StringComparer.Ordinal)];

    /// <summary>
    /// Gets the read-only lookups Sentrely made to decide this call (an S3 object's version), each described with the
    /// role session that made it; every audit record of the call lists them (invariant 3).
    /// </summary>
    public List<string> Lookups { get; } = [];

    /// <summary>Gets or sets the policy decision.</summary>
    public PolicyDecision? Decision { get; set; }

    /// <summary>Gets or sets the audit decision when the call proceeds (<c>allow</c>, or <c>approved</c> after an approval).</summary>
    public string AllowDecision { get; set; } = AuditDecisions.Allow;

    /// <summary>Gets or sets the reason recorded for a call that proceeds when a stage adds to the policy's (who approved it); null uses the policy's.</summary>
    public string? AllowReason { get; set; }

    /// <summary>Gets or sets the AssumeRole request for exactly this call.</summary>
    public CredentialRequest? CredentialRequest { get; set; }

    /// <summary>Gets or sets the credentials used.</summary>
    public ScopedCredentials? Credentials { get; set; }
}
