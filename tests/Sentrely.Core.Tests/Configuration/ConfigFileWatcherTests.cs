using Microsoft.Extensions.Time.Testing;
using Sentrely.Configuration;
using Sentrely.TestUtilities;

namespace Sentrely.Core.Tests.Configuration;

/// <summary>The watcher with real file events and a fake clock for the debounce.</summary>
public sealed class ConfigFileWatcherTests : IDisposable
{
    private static readonly TimeSpan EventWait = TimeSpan.FromSeconds(5);

    private readonly string _folder = Directory.CreateTempSubdirectory("sentrely-watch-").FullName;
    private readonly FakeTimeProvider _time = new();
    private readonly List<CancellationToken> _reloads = [];

    private string ConfigPath => Path.Combine(_folder, "sentrely.yaml");

    [Fact]
    public async Task Watcher_FileWritten_ReloadsOnceAfterQuietInterval()
    {
        // Arrange
        File.WriteAllText(ConfigPath, "a");
        using var watcher = Start();

        // Act
        File.WriteAllText(ConfigPath, "b");
        await WaitForEventsAsync(watcher);
        _time.Advance(TimeSpan.FromMilliseconds(249));
        var beforeQuiet = _reloads.Count;
        _time.Advance(TimeSpan.FromMilliseconds(1));

        // Assert
        Assert.Equal(0, beforeQuiet);
        Assert.Single(_reloads);
    }

    [Fact]
    public async Task Watcher_RepeatedChanges_DebouncedIntoOneReload()
    {
        // Arrange
        File.WriteAllText(ConfigPath, "a");
        using var watcher = Start();

        // Act
        for (var i = 0; i < 3; i++)
        {
            watcher.Changed();
            _time.Advance(TimeSpan.FromMilliseconds(200));
        }

        _time.Advance(TimeSpan.FromMilliseconds(50));

        // Assert
        Assert.Single(_reloads);
    }

    [Fact]
    public async Task Watcher_TempFileRenamedOverConfig_Reloads()
    {
        // Arrange
        File.WriteAllText(ConfigPath, "a");
        using var watcher = Start();
        var temp = Path.Combine(_folder, ".sentrely.yaml.swp");

        // Act
        File.WriteAllText(temp, "b");
        File.Move(temp, ConfigPath, overwrite: true);
        await WaitForEventsAsync(watcher);
        _time.Advance(ConfigFileWatcher.DefaultDebounce);

        // Assert
        Assert.Single(_reloads);
    }

    [Fact]
    public async Task Watcher_OtherFileInFolder_Ignored()
    {
        // Arrange
        File.WriteAllText(ConfigPath, "a");
        using var watcher = Start();

        // Act
        File.WriteAllText(Path.Combine(_folder, "notes.txt"), "x");
        await Task.Delay(500);
        _time.Advance(TimeSpan.FromSeconds(1));

        // Assert
        Assert.Equal(0, watcher.Events);
        Assert.Empty(_reloads);
    }

    [Fact]
    public void Watcher_ChangeDuringReload_CancelsThatAttempt()
    {
        // Arrange
        File.WriteAllText(ConfigPath, "a");
        var blocker = new TaskCompletionSource<ConfigReloadResult>();
        CancellationToken seen = default;
        using var watcher = new ConfigFileWatcher(ConfigPath, ct => { seen = ct; return new ValueTask<ConfigReloadResult>(blocker.Task); }, _time, new RecordingLogger());
        watcher.Changed();
        _time.Advance(ConfigFileWatcher.DefaultDebounce);

        // Act
        watcher.Changed();

        // Assert
        Assert.True(seen.IsCancellationRequested);
        blocker.SetResult(ConfigReloadResult.NotApplied);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private ConfigFileWatcher Start() => new(ConfigPath, Record, _time, new RecordingLogger());

    private ValueTask<ConfigReloadResult> Record(CancellationToken superseded)
    {
        _reloads.Add(superseded);
        return ValueTask.FromResult(ConfigReloadResult.Reloaded);
    }

    // File events arrive on their own thread in real time; only the debounce runs on the fake clock.
    private static async Task WaitForEventsAsync(ConfigFileWatcher watcher)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (watcher.Events == 0 && waited.Elapsed < EventWait)
        {
            await Task.Delay(20);
        }

        Assert.True(watcher.Events > 0, "no file event arrived");

        // Let the rest of the burst (truncate, write, close) arrive before the clock moves.
        await Task.Delay(200);
    }
}
