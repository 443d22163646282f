using Microsoft.Data.Sqlite;
using Sentrely.Audit;

namespace Sentrely.Stores.Sqlite;

/// <summary>The database schema (audit records and everything else in the file) and its forward-only migrations.</summary>
internal static class SqliteAuditSchema
{
    /// <summary>The columns of <c>audit_records</c>, in <see cref="AuditRecord"/> field order; the names are DESIGN.md's field names.</summary>
    public const string Columns =
        "seq, id, callId, time, phase, sessionId, developer, project, actor, client, transport, tool, arguments, "
        + "resources, decision, ruleIds, reason, roleArn, roleSessionName, sourceIdentity, awsRequestIds, outcome, "
        + "errorCode, durationMs, prevHash, hash, hmac";

    // Index = version - 1. Never edit a shipped migration: append a new one.
    private static readonly string[] Migrations =
    [
        """
        CREATE TABLE audit_records (
            seq             INTEGER PRIMARY KEY,
            id              TEXT NOT NULL UNIQUE,
            callId          TEXT NOT NULL,
            time            TEXT NOT NULL,   -- yyyy-MM-ddTHH:mm:ss.fffZ (UTC)
            phase           TEXT NOT NULL,
            sessionId       TEXT NOT NULL,
            developer       TEXT NOT NULL,
            project         TEXT NOT NULL,
            actor           TEXT NOT NULL,
            client          TEXT,
            transport       TEXT NOT NULL,
            tool            TEXT NOT NULL,
            arguments       TEXT,            -- JSON text
            resources       TEXT NOT NULL,   -- JSON array of strings
            decision        TEXT NOT NULL,
            ruleIds         TEXT NOT NULL,   -- JSON array of strings
            reason          TEXT,
            roleArn         TEXT,
            roleSessionName TEXT,
            sourceIdentity  TEXT,
            awsRequestIds   TEXT NOT NULL,   -- JSON array of strings
            outcome         TEXT,
            errorCode       TEXT,
            durationMs      INTEGER,
            prevHash        TEXT NOT NULL UNIQUE,
            hash            TEXT NOT NULL UNIQUE
        );
        CREATE INDEX audit_records_session ON audit_records (sessionId, seq);
        CREATE INDEX audit_records_call ON audit_records (callId);
        CREATE INDEX audit_records_time ON audit_records (time);
        CREATE TRIGGER audit_records_no_update BEFORE UPDATE ON audit_records
            BEGIN SELECT RAISE(ABORT, 'audit records are append-only'); END;
        CREATE TRIGGER audit_records_no_delete BEFORE DELETE ON audit_records
            BEGIN SELECT RAISE(ABORT, 'audit records are append-only'); END;
        """,
        // v2: the sessions registry and the kill switch.
        """
        CREATE TABLE sessions (
            sessionId     TEXT PRIMARY KEY,
            developer     TEXT NOT NULL,
            project       TEXT NOT NULL,
            clientName    TEXT,
            clientVersion TEXT,
            transport     TEXT NOT NULL,
            pid           INTEGER NOT NULL,
            host          TEXT NOT NULL,
            started       TEXT NOT NULL,   -- yyyy-MM-ddTHH:mm:ss.fffZ (UTC), as every time below
            lastCall      TEXT,
            ended         TEXT
        );
        CREATE INDEX sessions_started ON sessions (started);
        CREATE TABLE kill_rules (
            kind    TEXT NOT NULL,           -- session | developer | project | all
            target  TEXT NOT NULL,           -- the session id, developer or project; * for all
            reason  TEXT NOT NULL,
            killedBy TEXT NOT NULL,
            time    TEXT NOT NULL,
            PRIMARY KEY (kind, target)
        ) WITHOUT ROWID;
        """,

        // v3: the optional HMAC of each record's hash (SENTRELY_AUDIT_HMAC_KEY); NULL for records written without a key.
        """
        ALTER TABLE audit_records ADD COLUMN hmac TEXT;
        """,

        // v4: approval requests, one row each, decided and used by conditional UPDATEs (see SqliteApprovalStore).
        """
        CREATE TABLE approvals (
            id             TEXT PRIMARY KEY,  -- apr_...
            fingerprint    TEXT NOT NULL,     -- lower-case hex SHA-256 of the exact call
            sessionId      TEXT NOT NULL,
            developer      TEXT NOT NULL,
            project        TEXT NOT NULL,
            tool           TEXT NOT NULL,
            arguments      TEXT NOT NULL,     -- JSON text, as the audit log keeps them
            resources      TEXT NOT NULL,     -- JSON array of strings
            ruleIds        TEXT NOT NULL,     -- JSON array of strings
            via            TEXT NOT NULL,     -- session | reviewer
            summary        TEXT NOT NULL,
            created        TEXT NOT NULL,     -- yyyy-MM-ddTHH:mm:ss.fffZ (UTC), as every time below
            expires        TEXT NOT NULL,
            status         TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'denied', 'used')),
            decidedBy      TEXT,
            decided        TEXT,
            decisionReason TEXT,
            usedByCallId   TEXT
        );
        CREATE INDEX approvals_fingerprint ON approvals (fingerprint, created);
        """,

        // v5: team-server tokens (hashes only; the secret is shown once at creation and never stored).
        """
        CREATE TABLE tokens (
            id          TEXT PRIMARY KEY,
            name        TEXT NOT NULL,
            developer   TEXT NOT NULL,
            project     TEXT NOT NULL,
            roles       TEXT NOT NULL,   -- JSON array of strings
            tools       TEXT,            -- JSON array of globs; NULL for every tool
            secretHash  TEXT NOT NULL,   -- lower-case hex SHA-256 of the secret part
            createdBy   TEXT NOT NULL,
            created     TEXT NOT NULL,
            expires     TEXT,
            revoked     TEXT
        );
        """,

        // v6: rate-limit buckets and the EC2 instance ledger, so limits hold across processes and sessions
        // (RelationalRateLimitStore, RelationalInstanceLedger). Times here are INTEGER UTC ticks: exact, and compared as numbers.
        """
        CREATE TABLE rate_buckets (
            key         TEXT PRIMARY KEY,
            level       INTEGER NOT NULL,  -- in units of 1/periodTicks token (see TokenBucketMath)
            capacity    INTEGER NOT NULL,
            periodTicks INTEGER NOT NULL,
            updated     INTEGER NOT NULL   -- UTC ticks
        ) WITHOUT ROWID;
        CREATE TABLE ledger_instances (
            instanceId   TEXT PRIMARY KEY,
            instanceType TEXT NOT NULL,
            sessionId    TEXT NOT NULL,
            developer    TEXT NOT NULL,
            project      TEXT NOT NULL,
            launchedAt   INTEGER NOT NULL,  -- UTC ticks
            state        TEXT NOT NULL CHECK (state IN ('running', 'stopped', 'terminated')),
            sessionGroup TEXT               -- token:… or developer:… (SessionGroup)
        );
        CREATE INDEX ledger_instances_running ON ledger_instances (state, sessionId, developer);
        CREATE TABLE ledger_reservations (
            callId       TEXT NOT NULL,
            n            INTEGER NOT NULL,  -- one row per instance of the call
            sessionId    TEXT NOT NULL,
            developer    TEXT NOT NULL,
            sessionGroup TEXT,
            instanceType TEXT NOT NULL,
            expires      INTEGER NOT NULL,  -- UTC ticks
            PRIMARY KEY (callId, n)
        );
        """,
    ];

    /// <summary>Gets the schema version this build writes.</summary>
    public static int CurrentVersion => Migrations.Length;

    /// <summary>Brings the database up to <see cref="CurrentVersion"/> in one write transaction; refuses a newer schema.</summary>
    public static async Task MigrateAsync(SqliteConnection connection, TimeProvider time, CancellationToken cancellationToken)
    {
        // deferred: false = BEGIN IMMEDIATE, so two processes opening a new file migrate one after the other.
        using var transaction = connection.BeginTransaction(System.Data.IsolationLevel.Serializable, deferred: false);
        await ExecuteAsync(
            connection,
            transaction,
            "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, applied TEXT NOT NULL);",
            cancellationToken).ConfigureAwait(false);

        using var read = connection.CreateCommand();
        read.Transaction = transaction;
        read.CommandText = "SELECT COALESCE(MAX(version), 0) FROM schema_version;";
        var version = Convert.ToInt32(await read.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
        if (version > CurrentVersion)
        {
            throw new NotSupportedException(
                $"The audit database has schema version {version}, newer than this Sentrely supports ({CurrentVersion}). Upgrade Sentrely.");
        }

        for (var next = version + 1; next <= CurrentVersion; next++)
        {
            await ExecuteAsync(connection, transaction, Migrations[next - 1], cancellationToken).ConfigureAwait(false);
            using var record = connection.CreateCommand();
            record.Transaction = transaction;
            record.CommandText = "INSERT INTO schema_version (version, applied) VALUES ($version, $applied);";
            record.Parameters.AddWithValue("$version", next);
            record.Parameters.AddWithValue("$applied", AuditTime.Format(time.GetUtcNow()));
            await record.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task ExecuteAsync(SqliteConnection connection, SqliteTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
