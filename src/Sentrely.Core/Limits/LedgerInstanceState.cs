namespace Sentrely.Limits;

/// <summary>Gets the state of an instance as far as Sentrely's cost limits are concerned.</summary>
public enum LedgerInstanceState
{
    /// <summary>Pending or running: counts toward the caps.</summary>
    Running,

    /// <summary>Stopping or stopped: does not count; starting it again counts.</summary>
    Stopped,

    /// <summary>Shutting down or terminated: never counts again.</summary>
    Terminated,
}
