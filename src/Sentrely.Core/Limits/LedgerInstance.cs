namespace Sentrely.Limits;

/// <summary>Gets one instance Sentrely launched.</summary>
/// <param name="InstanceId">The instance id (<c>i-…</c>).</param>
/// <param name="InstanceType">The instance type.</param>
/// <param name="SessionId">The session it counts against: the one that launched it, or last started it.</param>
/// <param name="Developer">The developer it counts against.</param>
/// <param name="Project">The project of that session.</param>
/// <param name="LaunchedAt">When Sentrely saw the launch succeed.</param>
/// <param name="State">Whether it counts as running.</param>
/// <param name="Group">The <see cref="SessionGroup"/> of <paramref name="SessionId"/>, whose other sessions' per-session caps it also counts against; null for none.</param>
public sealed record LedgerInstance(
    string InstanceId,
    string InstanceType,
    string SessionId,
    string Developer,
    string Project,
    DateTimeOffset LaunchedAt,
    LedgerInstanceState State,
    string? Group = null);
