namespace Sentrely.Limits;

/// <summary>Gets what counts against one session's and one developer's caps: running instances plus reserved launches.</summary>
/// <param name="SessionByType">
/// The running or reserved instances that count against the session's caps, by instance type: the session's own and
/// those of the other sessions of its <see cref="SessionGroup"/> (so a new session starts with its group's usage).
/// </param>
/// <param name="DeveloperRunning">The developer's running or reserved instances across all sessions.</param>
public sealed record LedgerUsage(IReadOnlyDictionary<string, int> SessionByType, int DeveloperRunning)
{
    /// <summary>Gets the session's running or reserved instances.</summary>
    public int SessionRunning => SessionByType.Values.Sum();
}
