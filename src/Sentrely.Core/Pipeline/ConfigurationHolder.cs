namespace Sentrely.Pipeline;

/// <summary>
/// Holds the configuration in force and swaps it atomically on reload. A call reads <see cref="Current"/> once
/// and keeps that snapshot, so it is decided wholly by the old or wholly by the new configuration, never a mix.
/// </summary>
public sealed class ConfigurationHolder
{
    private ActiveConfiguration _current;

    /// <summary>Initializes a new instance of the <see cref="ConfigurationHolder"/> class.</summary>
    /// <param name="initial">The configuration loaded at startup.</param>
    public ConfigurationHolder(ActiveConfiguration initial)
    {
        ArgumentNullException.ThrowIfNull(initial);
        _current = initial;
    }

    /// <summary>Gets the configuration in force.</summary>
    public ActiveConfiguration Current => Volatile.Read(ref _current);

    /// <summary>Puts <paramref name="next"/> in force and returns the configuration it replaced.</summary>
    /// <param name="next">The new snapshot; immutable.</param>
    public ActiveConfiguration Swap(ActiveConfiguration next)
    {
        ArgumentNullException.ThrowIfNull(next);
        return Interlocked.Exchange(ref _current, next);
    }
}
