namespace Sentrely.Auth;

/// <summary>
/// A team-server bearer token as stored: who it speaks for and what it may do — never the secret, only its SHA-256.
/// The identity is the token's, not the caller's choice.
/// </summary>
public sealed record ApiToken
{
    /// <summary>Gets the id: <c>tok_</c> and random letters and digits (also part of the token text, so lookups need no scan).</summary>
    public required string Id { get; init; }

    /// <summary>Gets the label given at creation.</summary>
    public required string Name { get; init; }

    /// <summary>Gets the developer the token's sessions act for.</summary>
    public required string Developer { get; init; }

    /// <summary>Gets the project the token's sessions work on.</summary>
    public required string Project { get; init; }

    /// <summary>Gets the roles: <see cref="CallerRoles.Agent"/>, <see cref="CallerRoles.Reviewer"/>, <see cref="CallerRoles.Admin"/>.</summary>
    public required IReadOnlyList<string> Roles { get; init; }

    /// <summary>Gets the tool globs the token may call; null for every tool (the policy still decides).</summary>
    public IReadOnlyList<string>? Tools { get; init; }

    /// <summary>Gets the lower-case hex SHA-256 of the token's secret part.</summary>
    public required string SecretHash { get; init; }

    /// <summary>Gets who created it (the operator's identity).</summary>
    public required string CreatedBy { get; init; }

    /// <summary>Gets when it was created.</summary>
    public required DateTimeOffset Created { get; init; }

    /// <summary>Gets when it stops working; null for never.</summary>
    public DateTimeOffset? Expires { get; init; }

    /// <summary>Gets when it was revoked; null while in force.</summary>
    public DateTimeOffset? Revoked { get; init; }

    /// <summary>Returns whether the token works at <paramref name="now"/>.</summary>
    /// <param name="now">The current time.</param>
    public bool IsActive(DateTimeOffset now) => Revoked is null && (Expires is not { } expires || now < expires);
}

/// <summary>Gets the caller roles of the team server.</summary>
public static class CallerRoles
{
    /// <summary>May call tools (MCP).</summary>
    public const string Agent = "agent";

    /// <summary>May approve and deny approval requests.</summary>
    public const string Reviewer = "reviewer";

    /// <summary>May kill sessions, manage tokens and read the audit log.</summary>
    public const string Admin = "admin";

    /// <summary>Gets every role.</summary>
    public static IReadOnlyList<string> All { get; } = [Agent, Reviewer, Admin];
}
