using System.Security.Claims;
using Sentrely.Configuration;

namespace Sentrely.Mcp.Http;

/// <summary>
/// Counts, per token, the MCP sessions open and the tool calls running on this server, against <c>server.limits</c>.
/// A caller opening sessions or firing calls in parallel cannot grow this server's memory without bound. Entries at zero
/// are removed, so the counters hold only tokens in use.
/// </summary>
internal sealed class TokenQuotas(ServerLimitsConfig limits)
{
    // --insecure-no-auth callers share one key: they are one local user.
    private const string Unauthenticated = "(unauthenticated)";

    private readonly Dictionary<string, int> _sessions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _calls = new(StringComparer.Ordinal);

    /// <summary>Gets the limits counted against.</summary>
    public ServerLimitsConfig Limits => limits;

    /// <summary>Returns the key a caller is counted under: its token id (<c>jwt:</c> + developer for a JWT).</summary>
    public static string KeyOf(ClaimsPrincipal? user) => user?.FindFirst(SentrelyClaims.TokenId)?.Value ?? Unauthenticated;

    /// <summary>Takes one session for <paramref name="key"/>; false when it already holds <c>sessionsPerToken</c>.</summary>
    public bool TryOpenSession(string key) => TryTake(_sessions, key, limits.SessionsPerToken);

    /// <summary>Gives back a session taken with <see cref="TryOpenSession"/>.</summary>
    public void CloseSession(string key) => Give(_sessions, key);

    /// <summary>Takes one running call for <paramref name="key"/>; false when it already runs <c>concurrentCallsPerToken</c>.</summary>
    public bool TryStartCall(string key) => TryTake(_calls, key, limits.ConcurrentCallsPerToken);

    /// <summary>Gives back a call taken with <see cref="TryStartCall"/>.</summary>
    public void EndCall(string key) => Give(_calls, key);

    private static bool TryTake(Dictionary<string, int> counts, string key, int max)
    {
        lock (counts)
        {
            var held = counts.GetValueOrDefault(key);
            if (held >= max)
            {
                return false;
            }

            counts[key] = held + 1;
            return true;
        }
    }

    private static void Give(Dictionary<string, int> counts, string key)
    {
        lock (counts)
        {
            var held = counts.GetValueOrDefault(key);
            if (held <= 1)
            {
                counts.Remove(key);
            }
            else
            {
                counts[key] = held - 1;
            }
        }
    }
}
