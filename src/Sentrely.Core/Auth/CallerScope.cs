namespace Sentrely.Auth;

/// <summary>What an authenticated caller (a team-server token) may do, as the pipeline sees it; absent for stdio sessions.</summary>
/// <param name="TokenId">The token that authenticated the caller.</param>
/// <param name="Tools">The tool globs the caller may call; null for every tool (the policy still decides).</param>
public sealed record CallerScope(string TokenId, IReadOnlyList<string>? Tools);
