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

    /// <summary>
    /// Gets the resource ARN globs the rule excludes (<c>notResources</c>); null when unset. A resource counts for the rule when
    /// it matches <see cref="Resources"/> (if set) and none of these; an allow needs every call resource to count, a deny
    /// fires when one does. These are compared case-sensitively even with <see cref="CaseInsensitive"/>, which may only widen a deny.
    /// </summary>
    public IReadOnlyList<string>? NotResources { get; init; }

    /// <summary>
    /// Gets a value indicating whether the deny rule compares its resource and <c>when</c> globs after Unicode NFKC
    /// normalisation and case folding (<c>caseInsensitive: true</c>); deny rules only, so it only ever widens.
    /// </summary>
    public bool CaseInsensitive { get; init; }

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

/// <summary>
/// Gets one <c>when</c> condition: the argument's value(s) must satisfy it. An argument the call does not give satisfies
/// no condition but <c>{ absent: true }</c>. For a list, an allow needs every element to satisfy it, a deny any element.
/// </summary>
/// <param name="Argument">The argument name; inside <see cref="Entries"/>, a glob of map keys.</param>
/// <param name="AnyOf">Allowed values or globs; null when not a list condition.</param>
/// <param name="Min">The minimum of a number argument, or of a content argument's size in bytes; null when unset.</param>
/// <param name="Max">The maximum of a number argument, or of a content argument's size in bytes; null when unset.</param>
/// <param name="Prefix">The required prefix of a string argument; null when unset.</param>
public sealed record ArgumentCondition(
    string Argument,
    IReadOnlyList<string>? AnyOf = null,
    decimal? Min = null,
    decimal? Max = null,
    string? Prefix = null)
{
    /// <summary>Gets the values or globs the value must match none of (<c>{ not: [...] }</c>); null when unset.</summary>
    public IReadOnlyList<string>? NoneOf { get; init; }

    /// <summary>Gets whether the argument must be absent (true) or present (false) (<c>{ absent: … }</c>); null when unset.</summary>
    public bool? Absent { get; init; }

    /// <summary>Gets the lower-case hex SHA-256 digests a content argument's decoded bytes must have one of; null when unset.</summary>
    public IReadOnlyList<string>? Sha256 { get; init; }

    /// <summary>Gets the conditions on a map's entries, each keyed by a glob of keys (<c>{ tags: { Team: [a] } }</c>); null for other arguments.</summary>
    public IReadOnlyList<ArgumentCondition>? Entries { get; init; }
}
