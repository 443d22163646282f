using Sentrely.Manifests;
using Sentrely.Pipeline;

namespace Sentrely.Credentials;

/// <summary>
/// Builds the AssumeRole request for exactly this call: the manifest's IAM statements filled with the
/// call's values (nothing wider), the session tags, SourceIdentity and a RoleSessionName naming the call.
/// </summary>
public sealed class CredentialScopeStage : IToolCallStage
{
    /// <inheritdoc />
    public int Order => StageOrder.CredentialScope;

    /// <inheritdoc />
    public ValueTask<ToolCallRejection?> ExecuteAsync(ToolCallContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var manifest = context.Tool?.Manifest ?? throw new InvalidOperationException("the tool must be resolved before scoping credentials");
        if (manifest.Role is not { } roleKey)
        {
            return ValueTask.FromResult<ToolCallRejection?>(null);
        }

        var aws = context.Configuration.Config.Aws;
        if (!aws.Roles.TryGetValue(roleKey, out var roleArn))
        {
            return Refuse("NotConfigured", $"aws.roles.{roleKey} is not configured, so `{manifest.Name}` cannot run; add the role ARN to sentrely.yaml");
        }

        var statements = SessionPolicyBuilder.Build(manifest, context.TemplateValues);
        if (statements.Count == 0)
        {
            return Refuse("SessionPolicyEmpty", $"the session policy of `{manifest.Name}` would be empty for these arguments");
        }

        var policy = SessionPolicyWriter.Write(statements);
        if (policy.Length > SessionPolicyWriter.MaxLength)
        {
            return Refuse(
                "SessionPolicyTooLarge",
                $"the session policy for this call would be {policy.Length} characters, over STS's {SessionPolicyWriter.MaxLength}; name fewer resources per call");
        }

        var session = context.Request.Session;
        context.CredentialRequest = new CredentialRequest(
            roleArn,
            policy,
            SessionTags.For(session, manifest.Name),
            StsNames.SourceIdentity(session.Developer),
            StsNames.RoleSessionName(session.SessionId, context.CallId),
            aws.Credentials.DurationSeconds);
        return ValueTask.FromResult<ToolCallRejection?>(null);
    }

    private static ValueTask<ToolCallRejection?> Refuse(string code, string reason) =>
        ValueTask.FromResult<ToolCallRejection?>(ToolCallRejection.Deny(code, reason));
}
