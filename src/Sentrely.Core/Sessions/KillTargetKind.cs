namespace Sentrely.Sessions;

/// <summary>Gets what a kill rule targets.</summary>
public enum KillTargetKind
{
    /// <summary>One session id.</summary>
    Session,

    /// <summary>Every session of a developer.</summary>
    Developer,

    /// <summary>Every session of a project.</summary>
    Project,

    /// <summary>Every session.</summary>
    All,
}
