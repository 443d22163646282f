using Microsoft.Extensions.Logging;
using Sentrely.Audit;
using Sentrely.Configuration;
using Sentrely.Credentials;
using Sentrely.Pipeline;
using Sentrely.Sessions;

namespace Sentrely.Mcp.Hosting;

/// <summary>
/// Audits the configuration load at startup (refusing to serve when the store cannot record it) and, for a
/// configuration read from a file, watches the file and reloads its policy live. Built-in configurations are
/// not watched.
/// </summary>
internal sealed class LiveReload : IDisposable
{
    private readonly ConfigReloader? _reloader;
    private readonly ConfigFileWatcher? _watcher;

    private LiveReload(ConfigReloader? reloader, ConfigFileWatcher? watcher)
    {
        _reloader = reloader;
        _watcher = watcher;
    }

    /// <summary>Gets the watched file, or null when nothing is watched.</summary>
    public string? WatchedPath => _reloader?.FilePath;

    /// <exception cref="StartupAuditException">The audit store cannot record the load.</exception>
    public static async ValueTask<LiveReload> StartAsync(
        ServerSetup setup, ConfigurationHolder holder, IAuditStore store, string sessionId, ILoggerFactory loggerFactory, TimeProvider time, CancellationToken cancellationToken)
    {
        var fileConfig = setup.FileConfig ?? setup.Config;
        var auditor = new ConfigAuditor(store, OperatorSession(fileConfig.Identity, sessionId, setup.Transport), time);
        try
        {
            await auditor.RecordAcceptedAsync(fileConfig, reload: false, note: null, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            throw StartupAuditException.ForStore(setup.StorePath, ex);
        }

        if (fileConfig.SourcePath is null)
        {
            return new LiveReload(null, null);
        }

        var logger = loggerFactory.CreateLogger("Sentrely.Configuration");
        var reloader = new ConfigReloader(holder, fileConfig, setup.Tools.Catalog, auditor, logger);
        return new LiveReload(reloader, new ConfigFileWatcher(reloader.FilePath, reloader.ReloadAsync, time, logger));
    }

    public void Dispose()
    {
        _watcher?.Dispose();
        _reloader?.Dispose();
    }

    // The operator's identity as the stdio session would name it, without waiting for a client.
    private static SessionContext OperatorSession(IdentityConfig identity, string sessionId, string transport)
    {
        var project = identity.Project ?? Path.GetFileName(Environment.CurrentDirectory.TrimEnd(Path.DirectorySeparatorChar));
        return new SessionContext(
            sessionId,
            StsNames.SourceIdentity(identity.Developer ?? Environment.UserName),
            StsNames.TagValue(string.IsNullOrEmpty(project) ? "default" : project),
            "operator",
            null,
            null,
            transport);
    }
}
