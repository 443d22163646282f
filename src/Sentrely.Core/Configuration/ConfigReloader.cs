using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Sentrely.Audit;
using Sentrely.Pipeline;

namespace Sentrely.Configuration;

/// <summary>
/// Re-reads the configuration file with the same strict loader as startup. A valid file puts its policy in force
/// atomically (the restart-only sections keep their running values, with a warning when they changed); an invalid
/// one leaves the previous configuration in force and every error is logged with file and line. Every attempt
/// is audited through <see cref="ConfigAuditor"/>. Attempts are serialised; bytes already seen are ignored.
/// </summary>
public sealed partial class ConfigReloader : IDisposable
{
    /// <summary>The placeholder hash of a file that cannot be read.</summary>
    public const string UnreadableHash = "unreadable";

    private readonly ConfigurationHolder _holder;
    private readonly SentrelyConfig _startup;
    private readonly ToolCatalog _tools;
    private readonly ConfigAuditor _auditor;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private string? _lastSeen;

    /// <summary>Initializes a new instance of the <see cref="ConfigReloader"/> class.</summary>
    /// <param name="holder">The holder of the configuration in force.</param>
    /// <param name="startup">The configuration as read from its file at startup (before any sandbox overrides).</param>
    /// <param name="tools">The known tools and their argument names.</param>
    /// <param name="auditor">Records every attempt.</param>
    /// <param name="logger">The logger (stderr in stdio mode).</param>
    public ConfigReloader(ConfigurationHolder holder, SentrelyConfig startup, ToolCatalog tools, ConfigAuditor auditor, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(holder);
        ArgumentNullException.ThrowIfNull(startup);
        ArgumentNullException.ThrowIfNull(tools);
        ArgumentNullException.ThrowIfNull(auditor);
        ArgumentNullException.ThrowIfNull(logger);
        FilePath = startup.SourcePath ?? throw new ArgumentException("a built-in configuration has no file to reload", nameof(startup));
        _holder = holder;
        _startup = startup;
        _tools = tools;
        _auditor = auditor;
        _logger = logger;
        _lastSeen = startup.SourceSha256;
    }

    /// <summary>Gets the configuration file.</summary>
    public string FilePath { get; }

    /// <summary>Reloads the file if its bytes changed since the last attempt.</summary>
    /// <param name="superseded">Cancelled when the file changes again during the attempt: nothing is then applied or audited.</param>
    public async ValueTask<ConfigReloadResult> ReloadAsync(CancellationToken superseded)
    {
        await _gate.WaitAsync(CancellationToken.None).ConfigureAwait(false);
        try
        {
            return await ReloadCoreAsync(superseded).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc />
    public void Dispose() => _gate.Dispose();

    private async ValueTask<ConfigReloadResult> ReloadCoreAsync(CancellationToken superseded)
    {
        var sha = HashFile(FilePath);
        if (sha == _lastSeen)
        {
            return ConfigReloadResult.Unchanged;
        }

        SentrelyConfig loaded;
        try
        {
            loaded = SentrelyConfigLoader.Load(FilePath, _tools);
        }
        catch (ConfigException ex)
        {
            return superseded.IsCancellationRequested ? ConfigReloadResult.NotApplied : await RejectAsync(sha, ex.Errors).ConfigureAwait(false);
        }

        // A file still being written may parse as a shorter, valid policy: apply only bytes that stayed put.
        if (superseded.IsCancellationRequested || loaded.SourceSha256 != sha)
        {
            return ConfigReloadResult.NotApplied;
        }

        var restart = RestartSections.Changed(_startup, loaded);
        var next = ActiveConfiguration.From(RestartSections.KeepRunning(loaded, _holder.Current.Config));
        var note = restart.Count == 0 ? null : $"not applied until a restart: {string.Join(", ", restart)}";
        try
        {
            // Audited before the swap: no call is decided by a policy the log does not announce.
            await _auditor.RecordAcceptedAsync(loaded, reload: true, note, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogAuditFailed(_logger, ex, FilePath);
            return ConfigReloadResult.NotApplied;
        }

        _holder.Swap(next);
        _lastSeen = sha;
        foreach (var section in restart)
        {
            LogRestartNeeded(_logger, FilePath, section);
        }

        LogReloaded(_logger, FilePath, sha, loaded.Policy.Rules.Count);
        return ConfigReloadResult.Reloaded;
    }

    private async ValueTask<ConfigReloadResult> RejectAsync(string sha, IReadOnlyList<ConfigError> errors)
    {
        var kept = _holder.Current.Config.Policy.Rules.Count;
        foreach (var error in errors)
        {
            LogInvalid(_logger, error.ToString());
        }

        LogRejected(_logger, FilePath, errors.Count, kept);
        try
        {
            await _auditor.RecordRejectedAsync(FilePath, sha, kept, errors, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogAuditFailed(_logger, ex, FilePath);
            return ConfigReloadResult.Rejected;
        }

        _lastSeen = sha;
        return ConfigReloadResult.Rejected;
    }

    private static string HashFile(string path)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            return Convert.ToHexStringLower(SHA256.HashData(stream));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return UnreadableHash;
        }
    }

    [LoggerMessage(EventId = 200, Level = LogLevel.Information, Message = "Configuration reloaded from {Path} (sha256 {Sha256}, {Rules} rules): its policy is in force")]
    private static partial void LogReloaded(ILogger logger, string path, string sha256, int rules);

    [LoggerMessage(EventId = 201, Level = LogLevel.Warning, Message = "Configuration {Path}: section `{Section}` changed, but it applies only after a restart; the running server keeps its previous `{Section}` settings")]
    private static partial void LogRestartNeeded(ILogger logger, string path, string section);

    [LoggerMessage(EventId = 202, Level = LogLevel.Error, Message = "Configuration reload rejected: {Error}")]
    private static partial void LogInvalid(ILogger logger, string error);

    [LoggerMessage(EventId = 203, Level = LogLevel.Error, Message = "Configuration {Path} has {Count} error(s); the previous configuration ({Rules} rules) stays in force. Fix the file and save it again")]
    private static partial void LogRejected(ILogger logger, string path, int count, int rules);

    [LoggerMessage(EventId = 204, Level = LogLevel.Critical, Message = "Configuration {Path}: the audit store could not record the reload attempt, so nothing was applied")]
    private static partial void LogAuditFailed(ILogger logger, Exception exception, string path);
}
