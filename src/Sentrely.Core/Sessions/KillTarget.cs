namespace Sentrely.Sessions;

/// <summary>Gets the target of a kill rule: a session id, a developer, a project, or everything.</summary>
/// <param name="Kind">The kind of target.</param>
/// <param name="Value">The session id, developer or project; <c>*</c> for <see cref="KillTargetKind.All"/>.</param>
public sealed record KillTarget(KillTargetKind Kind, string Value)
{
    /// <summary>Gets the target of <c>--all</c>.</summary>
    public static KillTarget All { get; } = new(KillTargetKind.All, "*");

    /// <summary>Gets the stored name of <see cref="Kind"/>: <c>session developer project all</c>.</summary>
    public string KindName => Kind switch
    {
        KillTargetKind.Session => "session",
        KillTargetKind.Developer => "developer",
        KillTargetKind.Project => "project",
        _ => "all",
    };

    /// <summary>Returns the kind for a stored name; throws for an unknown one (a store never invents kinds).</summary>
    /// <param name="name">The stored name.</param>
    public static KillTargetKind ParseKind(string name) => name switch
    {
        "session" => KillTargetKind.Session,
        "developer" => KillTargetKind.Developer,
        "project" => KillTargetKind.Project,
        "all" => KillTargetKind.All,
        _ => throw new FormatException($"unknown kill target kind '{name}'"),
    };

    /// <summary>Returns <c>kind:value</c>, as audit records name the target.</summary>
    public override string ToString() => Kind == KillTargetKind.All ? "all" : $"{KindName}:{Value}";

    /// <summary>Returns whether this target covers <paramref name="session"/>.</summary>
    /// <param name="session">The session.</param>
    public bool Matches(SessionContext session)
    {
        ArgumentNullException.ThrowIfNull(session);
        return Kind switch
        {
            KillTargetKind.Session => string.Equals(Value, session.SessionId, StringComparison.Ordinal),
            KillTargetKind.Developer => string.Equals(Value, session.Developer, StringComparison.Ordinal),
            KillTargetKind.Project => string.Equals(Value, session.Project, StringComparison.Ordinal),
            _ => true,
        };
    }
}
