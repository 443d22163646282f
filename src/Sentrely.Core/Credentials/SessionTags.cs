using Sentrely.Sessions;

namespace Sentrely.Credentials;

/// <summary>Builds the five session tags that make every AWS call attributable in CloudTrail.</summary>
public static class SessionTags
{
    /// <summary>Gets the tag keys Sentrely sets, in the order it sends them.</summary>
    public static IReadOnlyList<string> Keys { get; } = ["agent-session", "developer", "project", "tool", "actor"];

    /// <summary>Returns the tags of a call by <paramref name="session"/> to <paramref name="tool"/>.</summary>
    /// <param name="session">The calling session.</param>
    /// <param name="tool">The tool name.</param>
    public static IReadOnlyList<KeyValuePair<string, string>> For(SessionContext session, string tool)
    {
        ArgumentNullException.ThrowIfNull(session);
        return
        [
            new("agent-session", StsNames.TagValue(session.SessionId)),
            new("developer", StsNames.TagValue(session.Developer)),
            new("project", StsNames.TagValue(session.Project)),
            new("tool", StsNames.TagValue(tool)),
            new("actor", StsNames.TagValue(session.Actor)),
        ];
    }
}
