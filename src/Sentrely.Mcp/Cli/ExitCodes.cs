namespace Sentrely.Mcp.Cli;

/// <summary>Gets the exit codes of DESIGN.md's command line.</summary>
internal static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>A runtime failure, or a check that failed (a tampered audit log).</summary>
    public const int Failure = 1;

    /// <summary>A usage or configuration error, naming file, line and field.</summary>
    public const int UsageOrConfig = 2;
}
