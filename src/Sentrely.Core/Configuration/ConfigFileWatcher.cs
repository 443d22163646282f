using Microsoft.Extensions.Logging;

namespace Sentrely.Configuration;

/// <summary>
/// Watches the configuration file's folder and, once the file has been quiet for the debounce interval,
/// runs a reload. Edits in place and editors that write a temporary file and rename it over the original are
/// both seen. A change arriving while a reload runs cancels that attempt (its read may be half a write) and
/// schedules a new one.
/// </summary>
public sealed partial class ConfigFileWatcher : IDisposable
{
    /// <summary>Gets the default quiet interval before a reload.</summary>
    public static TimeSpan DefaultDebounce { get; } = TimeSpan.FromMilliseconds(250);

    private readonly Func<CancellationToken, ValueTask<ConfigReloadResult>> _reload;
    private readonly ILogger _logger;
    private readonly TimeSpan _debounce;
    private readonly string _fileName;
    private readonly FileSystemWatcher _watcher;
    private readonly ITimer _timer;
    private readonly object _gate = new();
    private readonly List<CancellationTokenSource> _inFlight = [];
    private bool _disposed;
    private int _events;

    /// <summary>Initializes a new instance of the <see cref="ConfigFileWatcher"/> class and starts watching.</summary>
    /// <param name="path">The configuration file.</param>
    /// <param name="reload">The reload to run; its token is cancelled when the file changes again meanwhile.</param>
    /// <param name="time">The clock of the debounce timer.</param>
    /// <param name="logger">The logger.</param>
    /// <param name="debounce">The quiet interval; null means <see cref="DefaultDebounce"/>.</param>
    public ConfigFileWatcher(string path, Func<CancellationToken, ValueTask<ConfigReloadResult>> reload, TimeProvider time, ILogger logger, TimeSpan? debounce = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(reload);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        var full = Path.GetFullPath(path);
        _fileName = Path.GetFileName(full);
        _reload = reload;
        _logger = logger;
        _debounce = debounce ?? DefaultDebounce;
        _timer = time.CreateTimer(_ => _ = RunAsync(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);

        // The folder, not the file: a rename over the file replaces the inode a file watch would follow.
        _watcher = new FileSystemWatcher(Path.GetDirectoryName(full)!)
        {
            NotifyFilter = NotifyFilters.FileName | NotifyFilters.LastWrite | NotifyFilters.Size | NotifyFilters.CreationTime,
            IncludeSubdirectories = false,
        };
        _watcher.Changed += OnFileEvent;
        _watcher.Created += OnFileEvent;
        _watcher.Deleted += OnFileEvent;
        _watcher.Renamed += OnRenamed;
        _watcher.Error += OnError;
        _watcher.EnableRaisingEvents = true;
    }

    /// <summary>Gets how many events concerning the file were seen (tests wait on it).</summary>
    internal int Events => Volatile.Read(ref _events);

    /// <inheritdoc />
    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            foreach (var attempt in _inFlight)
            {
                attempt.Cancel();
            }
        }

        _watcher.Dispose();
        _timer.Dispose();
    }

    /// <summary>Records a change of the file: cancels running attempts and (re)starts the quiet interval.</summary>
    internal void Changed()
    {
        Interlocked.Increment(ref _events);
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            foreach (var attempt in _inFlight)
            {
                attempt.Cancel();
            }

            _timer.Change(_debounce, Timeout.InfiniteTimeSpan);
        }
    }

    private void OnFileEvent(object sender, FileSystemEventArgs e)
    {
        if (string.Equals(e.Name, _fileName, StringComparison.Ordinal))
        {
            Changed();
        }
    }

    private void OnRenamed(object sender, RenamedEventArgs e)
    {
        if (string.Equals(e.Name, _fileName, StringComparison.Ordinal) || string.Equals(e.OldName, _fileName, StringComparison.Ordinal))
        {
            Changed();
        }
    }

    // An overflowed event queue may have dropped the file's events: check the file anyway (unchanged bytes are ignored).
    private void OnError(object sender, ErrorEventArgs e)
    {
        LogWatchError(_logger, e.GetException());
        Changed();
    }

    private async Task RunAsync()
    {
        var attempt = new CancellationTokenSource();
        lock (_gate)
        {
            if (_disposed)
            {
                attempt.Dispose();
                return;
            }

            _inFlight.Add(attempt);
        }

        try
        {
            await _reload(attempt.Token).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            // A bug in a reload must not take the server down: the previous configuration stays in force.
            LogReloadFailed(_logger, ex);
        }
        finally
        {
            lock (_gate)
            {
                _inFlight.Remove(attempt);
            }

            attempt.Dispose();
        }
    }

    [LoggerMessage(EventId = 205, Level = LogLevel.Error, Message = "Configuration reload failed inside Sentrely; the previous configuration stays in force")]
    private static partial void LogReloadFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 206, Level = LogLevel.Warning, Message = "The configuration folder watcher reported an error; checking the file now")]
    private static partial void LogWatchError(ILogger logger, Exception exception);
}
