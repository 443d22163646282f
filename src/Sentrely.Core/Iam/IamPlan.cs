namespace Sentrely.Iam;

/// <summary>
/// The AWS side of a Sentrely deployment, derived from the tool manifests and the policy's allow rules: one plan per
/// role Sentrely assumes, the alert on agent activity, and where the broker principal came from. Renderers turn it
/// into JSON, CloudFormation or Terraform; <c>iam check</c> compares an existing role policy with it.
/// </summary>
public sealed record IamPlan
{
    /// <summary>Gets the partition, for example <c>aws</c>.</summary>
    public required string Partition { get; init; }

    /// <summary>Gets the region the configuration names.</summary>
    public required string Region { get; init; }

    /// <summary>Gets the account the roles live in.</summary>
    public required string AccountId { get; init; }

    /// <summary>Gets the ARN of the principal that runs Sentrely and assumes the roles (the only one the trust policies allow).</summary>
    public required string Broker { get; init; }

    /// <summary>Gets the roles, in <c>aws.roles</c> order.</summary>
    public required IReadOnlyList<RolePlan> Roles { get; init; }

    /// <summary>Gets the alert on sensitive actions by agent sessions (EventBridge rule → SNS).</summary>
    public required AlertPlan Alerts { get; init; }

    /// <summary>Gets the generated permissions boundary every role gets, or null.</summary>
    public IamPolicyDocument? Boundary { get; init; }

    /// <summary>Gets the ARN of an existing permissions boundary every role gets, or null.</summary>
    public string? BoundaryArn { get; init; }
}

/// <summary>What one role may do, who may assume it, and why.</summary>
public sealed record RolePlan
{
    /// <summary>Gets the manifest role key (<c>read</c>, <c>deploy</c>).</summary>
    public required string Key { get; init; }

    /// <summary>Gets the role ARN from <c>aws.roles</c>.</summary>
    public required string RoleArn { get; init; }

    /// <summary>Gets the role name (the ARN's last path segment).</summary>
    public required string RoleName { get; init; }

    /// <summary>Gets the role path (<c>/</c> unless the ARN has one), ending in <c>/</c>.</summary>
    public required string RolePath { get; init; }

    /// <summary>Gets every grant, each traced to its tool, rule and manifest statement.</summary>
    public required IReadOnlyList<IamGrant> Grants { get; init; }

    /// <summary>Gets the identity policy, split into documents that each fit a customer-managed policy (6,144 characters).</summary>
    public required IReadOnlyList<IamPolicyDocument> Policies { get; init; }

    /// <summary>Gets the trust policy: only the broker, only with Sentrely's session tags and a source identity.</summary>
    public required IamPolicyDocument Trust { get; init; }

    /// <summary>Gets the tools that use this role but that no allow rule permits (so nothing is granted for them).</summary>
    public IReadOnlyList<string> UngrantedTools { get; init; } = [];
}

/// <summary>One grant of a role's identity policy and where it comes from.</summary>
/// <param name="Tool">The tool whose manifest names the actions.</param>
/// <param name="RuleId">The allow rule whose resources and conditions narrow it.</param>
/// <param name="Statement">The statement granted.</param>
public sealed record IamGrant(string Tool, string RuleId, IamStatement Statement)
{
    /// <summary>Gets what a reader should know: wide grants and rule conditions IAM cannot express.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];
}

/// <summary>The EventBridge rule that alerts on sensitive actions by agent sessions, independently of Sentrely.</summary>
/// <param name="EventPattern">The EventBridge event pattern (JSON text).</param>
/// <param name="Description">What the rule matches, for people.</param>
public sealed record AlertPlan(string EventPattern, string Description);
