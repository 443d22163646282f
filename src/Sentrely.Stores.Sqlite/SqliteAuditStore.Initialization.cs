using Microsoft.Data.Sqlite;

namespace Sentrely.Stores.Sqlite;

/// <content>Creating the folder and file with private permissions, WAL mode and schema migration, once per store.</content>
public sealed partial class SqliteAuditStore
{
    private const UnixFileMode PrivateFolderMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode PrivateFileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private async Task EnsureInitializedAsync(CancellationToken cancellationToken)
    {
        if (_initialized)
        {
            return;
        }

        await _initLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_initialized)
            {
                return;
            }

            CreatePrivateFile(_databasePath);
            using (var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false))
            {
                using var wal = connection.CreateCommand();
                wal.CommandText = "PRAGMA journal_mode = WAL;";
                var mode = (string?)await wal.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
                if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
                {
                    throw new InvalidOperationException($"The audit database {_databasePath} could not be switched to WAL mode (it is in '{mode}' mode).");
                }

                await SqliteAuditSchema.MigrateAsync(connection, _time, cancellationToken).ConfigureAwait(false);
            }

            // A failure above leaves _initialized false, so the next call tries again and fails again: closed, not silent.
            _initialized = true;
        }
        finally
        {
            _initLock.Release();
        }
    }

    private static void CreatePrivateFile(string path)
    {
        var folder = Path.GetDirectoryName(path);
        if (!string.IsNullOrEmpty(folder) && !Directory.Exists(folder))
        {
            if (OperatingSystem.IsWindows())
            {
                Directory.CreateDirectory(folder);
            }
            else
            {
                Directory.CreateDirectory(folder, PrivateFolderMode);
            }
        }

        if (File.Exists(path))
        {
            return;
        }

        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = PrivateFileMode;
        }

        try
        {
            using var created = new FileStream(path, options);
        }
        catch (IOException) when (File.Exists(path))
        {
            // Another process created it first; SQLite keeps its -wal and -shm files at the main file's mode.
        }
    }
}
