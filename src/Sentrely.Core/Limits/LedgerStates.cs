namespace Sentrely.Limits;

/// <summary>The stored spelling of <see cref="LedgerInstanceState"/> (<c>running stopped terminated</c>), shared by every database ledger.</summary>
public static class LedgerStates
{
    /// <summary>Returns the stored text of <paramref name="state"/>.</summary>
    /// <param name="state">The state.</param>
    public static string Text(LedgerInstanceState state) => state switch
    {
        LedgerInstanceState.Running => "running",
        LedgerInstanceState.Stopped => "stopped",
        LedgerInstanceState.Terminated => "terminated",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, "unknown instance state"),
    };

    /// <summary>Parses stored text; throws on anything else (a corrupt row fails closed).</summary>
    /// <param name="text">The stored text.</param>
    public static LedgerInstanceState Parse(string text) => text switch
    {
        "running" => LedgerInstanceState.Running,
        "stopped" => LedgerInstanceState.Stopped,
        "terminated" => LedgerInstanceState.Terminated,
        _ => throw new InvalidDataException("a ledger instance has an unknown state"),
    };
}
