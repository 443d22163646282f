namespace Sentrely.Mcp.Hosting;

/// <summary>Gets thrown when the audit store cannot record the configuration load at startup: the server must not serve.</summary>
internal sealed class StartupAuditException : Exception
{
    public static StartupAuditException ForStore(string storePath, Exception innerException) => new(
        $"the audit store {storePath} cannot record the configuration load ({innerException.Message}). " +
        "Sentrely does not serve without an audit log: make its folder writable, or set store.sqlite to a writable path.",
        innerException);

    public StartupAuditException()
    {
    }

    public StartupAuditException(string message)
        : base(message)
    {
    }

    public StartupAuditException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
