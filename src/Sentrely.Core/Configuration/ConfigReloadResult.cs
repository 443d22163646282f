namespace Sentrely.Configuration;

/// <summary>Gets what a reload attempt did.</summary>
public enum ConfigReloadResult
{
    /// <summary>The file's bytes are those last seen: nothing to do.</summary>
    Unchanged,

    /// <summary>The file validated: its policy is now in force.</summary>
    Reloaded,

    /// <summary>The file is invalid or unreadable: the previous configuration stays in force.</summary>
    Rejected,

    /// <summary>The file changed again while it was being read, or the reload could not be audited: nothing was applied.</summary>
    NotApplied,
}
