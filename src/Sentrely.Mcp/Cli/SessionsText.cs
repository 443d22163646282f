using System.Globalization;
using System.Text.Json;
using Sentrely.Audit;
using Sentrely.Sessions;

namespace Sentrely.Mcp.Cli;

/// <summary>The lines of <c>sessions list</c>: one per session (live ones first), then one per kill rule; client-written names are escaped.</summary>
internal static class SessionsText
{
    public static IEnumerable<string> Lines(IReadOnlyList<SessionRecord> sessions, IReadOnlyList<KillRule> kills, Func<SessionRecord, bool> isAlive, string host, bool json)
    {
        var states = sessions
            .Select(s => (Session: s, State: s.Ended is not null ? "ended" : s.Host != host ? "remote" : isAlive(s) ? "live" : "dead"))
            .OrderBy(x => x.State == "live" ? 0 : 1)
            .ToArray();
        if (!json && states.Length == 0)
        {
            yield return "no sessions registered";
        }

        foreach (var (s, state) in states)
        {
            var killed = kills.FirstOrDefault(k => k.Target.Matches(new SessionContext(s.SessionId, s.Developer, s.Project, "agent", s.ClientName, s.ClientVersion, s.Transport)));
            yield return json
                ? SessionJson(s, state, killed)
                : OperatorText.Escape(string.Create(
                    CultureInfo.InvariantCulture,
                    $"{s.SessionId}  {state,-6} {(killed is null ? "" : "KILLED ")}{s.Developer}/{(s.Project.Length == 0 ? "-" : s.Project)}  {s.ClientName ?? "-"}/{s.ClientVersion ?? "-"}  {s.Transport}  pid {s.Pid}@{s.Host}  started {AuditTime.Format(s.Started)}  last call {(s.LastCall is { } l ? AuditTime.Format(l) : "-")}"));
        }

        foreach (var kill in kills)
        {
            yield return json ? KillJson(kill) : OperatorText.Escape($"kill rule {kill} by {kill.By} at {AuditTime.Format(kill.Time)}: {kill.Reason}");
        }
    }

    private static string SessionJson(SessionRecord s, string state, KillRule? killed) => JsonObjects.ToText(w =>
    {
        w.WriteString("sessionId", s.SessionId);
        w.WriteString("state", state);
        w.WriteBoolean("killed", killed is not null);
        w.WriteString("developer", s.Developer);
        w.WriteString("project", s.Project);
        w.WriteString("clientName", s.ClientName);
        w.WriteString("clientVersion", s.ClientVersion);
        w.WriteString("transport", s.Transport);
        w.WriteNumber("pid", s.Pid);
        w.WriteString("host", s.Host);
        w.WriteString("started", AuditTime.Format(s.Started));
        w.WriteString("lastCall", s.LastCall is { } l ? AuditTime.Format(l) : null);
        w.WriteString("ended", s.Ended is { } e ? AuditTime.Format(e) : null);
    });

    private static string KillJson(KillRule kill) => JsonObjects.ToText(w =>
    {
        w.WriteString("killRule", kill.Target.ToString());
        w.WriteString("kind", kill.Target.KindName);
        w.WriteString("target", kill.Target.Value);
        w.WriteString("reason", kill.Reason);
        w.WriteString("by", kill.By);
        w.WriteString("time", AuditTime.Format(kill.Time));
    });
}
