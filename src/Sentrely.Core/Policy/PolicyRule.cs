namespace Sentrely.Policy;

/// <summary>Gets one policy rule as written in <c>policy.rules</c>.</summary>
public sealed record PolicyRule
{
    /// <summary>Gets the rule id named in decisions and audit records.</summary>
    public required string Id { get; init; }

    /// <summary>Gets whether the rule allows or denies.</summary>
    public required PolicyEffect Effect { get; init; }

    /// <summary>Gets the tool-name globs.</summary>
    public required IReadOnlyList<string> Tools { get; init; }

    /// <summary>Gets the resource ARN globs; null means any resource.</summary>
    public IReadOnlyList<string>? Resources { get; init; }

    /// <summary>Gets the developers the rule applies to; null means all.</summary>
    public IReadOnlyList<string>? Developers { get; init; }

    /// <summary>Gets the projects the rule applies to; null means all.</summary>
    public IReadOnlyList<string>? Projects { get; init; }

    /// <summary>Gets the conditions on arguments, by argument name.</summary>
    public IReadOnlyList<ArgumentCondition> When { get; init; } = [];

    /// <summary>Gets the approval the rule requires when it allows a call.</summary>
    public ApprovalRequirement Approval { get; init; } = ApprovalRequirement.None;

    /// <summary>Gets where the rule was written (<c>file:line</c>), for explanations.</summary>
    public string Source { get; init; } = "";
}

/// <summary>Gets a rule's effect.</summary>
public enum PolicyEffect
{
    /// <summary>Allows matching calls unless a deny also matches.</summary>
    Allow,

    /// <summary>Denies matching calls, whatever allows them.</summary>
    Deny,
}

/// <summary>Gets one <c>when</c> condition: the argument's value(s) must satisfy it.</summary>
/// <param name="Argument">The argument name.</param>
/// <param name="AnyOf">Allowed values or globs; null when not a list condition.</param>
/// <param name="Min">The minimum of a number argument; null when unset.</param>
/// <param name="Max">The maximum of a number argument; null when unset.</param>
/// <param name="Prefix">The required prefix of a string argument; null when unset.</param>
public sealed record ArgumentCondition(
    string Argument,
    IReadOnlyList<string>? AnyOf = null,
    decimal? Min = null,
    decimal? Max = null,
    string? Prefix = null);
