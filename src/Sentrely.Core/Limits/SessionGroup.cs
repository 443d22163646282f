using Sentrely.Sessions;

namespace Sentrely.Limits;

/// <summary>
/// Gets the sessions whose <c>per: session</c> limits are counted together as well: every session of one API token
/// (HTTP), else every session of one developer (stdio, unauthenticated HTTP). Opening a new session starts a new
/// per-session count but not a new group count, so new sessions never raise what a caller may do in total.
/// </summary>
public static class SessionGroup
{
    /// <summary>Returns the group of <paramref name="session"/>: <c>token:…</c> or <c>developer:…</c>.</summary>
    /// <param name="session">The session.</param>
    public static string Of(SessionContext session)
    {
        ArgumentNullException.ThrowIfNull(session);
        return session.TokenId is { } token ? "token:" + token : "developer:" + session.Developer;
    }
}
