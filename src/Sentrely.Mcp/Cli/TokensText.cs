using Sentrely.Audit;
using Sentrely.Auth;

namespace Sentrely.Mcp.Cli;

/// <summary>Formats <c>sentrely tokens list</c>: never the secret or its hash.</summary>
internal static class TokensText
{
    public static IEnumerable<string> Lines(IReadOnlyList<ApiToken> tokens, DateTimeOffset now, bool json)
    {
        if (json)
        {
            return tokens.Select(t => JsonObjects.ToText(w =>
            {
                w.WriteString("id", t.Id);
                w.WriteString("name", t.Name);
                w.WriteString("developer", t.Developer);
                w.WriteString("project", t.Project);
                w.WriteStrings("roles", t.Roles);
                if (t.Tools is { } tools)
                {
                    w.WriteStrings("tools", tools);
                }
                else
                {
                    w.WriteNull("tools");
                }

                w.WriteString("createdBy", t.CreatedBy);
                w.WriteString("created", AuditTime.Format(t.Created));
                Time(w, "expires", t.Expires);
                Time(w, "revoked", t.Revoked);
                w.WriteString("state", State(t, now));
            }));
        }

        return tokens.Count == 0
            ? ["no tokens; create one with `sentrely tokens create --developer D`"]
            : tokens.Select(t => OperatorText.Escape(
                $"{t.Id}  {State(t, now),-7}  {t.Developer}/{t.Project}  roles {string.Join(",", t.Roles)}  tools {(t.Tools is { } tools ? string.Join(",", tools) : "*")}"
                + $"  created {AuditTime.Format(t.Created)}{(t.Expires is { } e ? $"  expires {AuditTime.Format(e)}" : "")}  {t.Name}"));
    }

    private static string State(ApiToken token, DateTimeOffset now) =>
        token.Revoked is not null ? "revoked" : token.IsActive(now) ? "active" : "expired";

    private static void Time(System.Text.Json.Utf8JsonWriter w, string name, DateTimeOffset? time)
    {
        if (time is { } value)
        {
            w.WriteString(name, AuditTime.Format(value));
        }
        else
        {
            w.WriteNull(name);
        }
    }
}
