using Sentrely.Policy;

namespace Sentrely.Manifests;

/// <summary>
/// Gets one curated tool as reviewed by security people: what the agent sees, the call's resource,
/// and the exact IAM statements of the per-call session policy.
/// </summary>
/// <remarks>
/// Templates use <c>{name}</c> placeholders filled from the validated call: the tool's arguments
/// (and values the handler derives, such as <c>functionArn</c>) plus <c>partition</c>, <c>region</c>
/// and <c>account</c> from configuration. A placeholder bound to several values (a list argument)
/// expands into one string per value. <c>{name|default}</c> uses <c>default</c> when the argument is
/// absent; a template naming an absent argument without a default is dropped.
/// </remarks>
public sealed record ToolManifest
{
    /// <summary>Gets the MCP tool name, for example <c>put-build-artifact</c>.</summary>
    public required string Name { get; init; }

    /// <summary>Gets the human-readable title shown by clients.</summary>
    public required string Title { get; init; }

    /// <summary>Gets the description the agent reads.</summary>
    public required string Description { get; init; }

    /// <summary>Gets the tool's access level.</summary>
    public required ToolAccess Access { get; init; }

    /// <summary>Gets the configured role key (<c>aws.roles.&lt;key&gt;</c>) whose credentials the call uses; null for tools that call no AWS API.</summary>
    public string? Role { get; init; }

    /// <summary>Gets the templates of the call's resources, matched against policy rules; <c>*</c> for tools without resource-level scope.</summary>
    public IReadOnlyList<string> Resources { get; init; } = [];

    /// <summary>
    /// Gets the templates of what a call touches besides its main resource (the S3 package of a deploy, the qualified
    /// function ARN, the image, subnet and security groups of a launch). Deny rules and the audit record see them; allow
    /// rules match <see cref="Resources"/> only. Templates naming an absent argument drop out.
    /// </summary>
    public IReadOnlyList<string> SecondaryResources { get; init; } = [];

    /// <summary>Gets the statements of the per-call session policy.</summary>
    public IReadOnlyList<IamStatementTemplate> Iam { get; init; } = [];

    /// <summary>Gets the approval every call needs, whatever the rules say; rules may raise it, never lower it.</summary>
    public ApprovalRequirement Approval { get; init; } = ApprovalRequirement.None;

    /// <summary>Gets the arguments recorded in the audit log as size and SHA-256 only (file contents, zips).</summary>
    public IReadOnlyList<string> BlobArguments { get; init; } = [];

    /// <summary>Gets the arguments masked in the audit log.</summary>
    public IReadOnlyList<string> MaskedArguments { get; init; } = [];

    /// <summary>Gets the file and line the manifest came from, for messages.</summary>
    public string Source { get; init; } = "";

    /// <summary>Gets a value indicating whether the tool calls AWS at all.</summary>
    public bool CallsAws => Role is not null;
}
