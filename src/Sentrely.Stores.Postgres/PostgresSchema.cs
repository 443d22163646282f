using Npgsql;

namespace Sentrely.Stores.Postgres;

/// <summary>The PostgreSQL schema and its forward-only migrations, applied under an advisory lock so concurrent starts are safe.</summary>
/// <remarks>Column names are SQLite's (DESIGN.md's field names); unquoted, PostgreSQL folds them to lower case, so both spellings work in psql.</remarks>
internal static class PostgresSchema
{
    // Index = version - 1. Never edit a shipped migration: append a new one.
    private static readonly string[] Migrations =
    [
        """
        CREATE TABLE audit_records (
            seq             bigint PRIMARY KEY,
            id              text NOT NULL UNIQUE,
            callId          text NOT NULL,
            time            timestamptz NOT NULL,
            phase           text NOT NULL,
            sessionId       text NOT NULL,
            developer       text NOT NULL,
            project         text NOT NULL,
            actor           text NOT NULL,
            client          text,
            transport       text NOT NULL,
            tool            text NOT NULL,
            arguments       text,            -- JSON text, exactly as hashed
            resources       text NOT NULL,   -- JSON array of strings
            decision        text NOT NULL,
            ruleIds         text NOT NULL,   -- JSON array of strings
            reason          text,
            roleArn         text,
            roleSessionName text,
            sourceIdentity  text,
            awsRequestIds   text NOT NULL,   -- JSON array of strings
            outcome         text,
            errorCode       text,
            durationMs      bigint,
            prevHash        text NOT NULL UNIQUE,
            hash            text NOT NULL UNIQUE,
            hmac            text
        );
        CREATE INDEX audit_records_session ON audit_records (sessionId, seq);
        CREATE INDEX audit_records_call ON audit_records (callId);
        CREATE INDEX audit_records_time ON audit_records (time);
        CREATE FUNCTION sentrely_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS
            $$ BEGIN RAISE EXCEPTION 'audit records are append-only'; END; $$;
        CREATE TRIGGER audit_records_no_update BEFORE UPDATE OR DELETE ON audit_records
            FOR EACH ROW EXECUTE FUNCTION sentrely_audit_append_only();
        CREATE TRIGGER audit_records_no_truncate BEFORE TRUNCATE ON audit_records
            FOR EACH STATEMENT EXECUTE FUNCTION sentrely_audit_append_only();

        CREATE TABLE sessions (
            sessionId     text PRIMARY KEY,
            developer     text NOT NULL,
            project       text NOT NULL,
            clientName    text,
            clientVersion text,
            transport     text NOT NULL,
            pid           integer NOT NULL,
            host          text NOT NULL,
            started       timestamptz NOT NULL,
            lastCall      timestamptz,
            ended         timestamptz
        );
        CREATE INDEX sessions_started ON sessions (started);
        CREATE TABLE kill_rules (
            kind     text NOT NULL,          -- session | developer | project | all
            target   text NOT NULL,          -- the session id, developer or project; * for all
            reason   text NOT NULL,
            killedBy text NOT NULL,
            time     timestamptz NOT NULL,
            PRIMARY KEY (kind, target)
        );

        CREATE TABLE approvals (
            id             text PRIMARY KEY,
            rowNo          bigint GENERATED ALWAYS AS IDENTITY,
            fingerprint    text NOT NULL,
            sessionId      text NOT NULL,
            developer      text NOT NULL,
            project        text NOT NULL,
            tool           text NOT NULL,
            arguments      text NOT NULL,
            resources      text NOT NULL,
            ruleIds        text NOT NULL,
            via            text NOT NULL,
            summary        text NOT NULL,
            created        timestamptz NOT NULL,
            expires        timestamptz NOT NULL,
            status         text NOT NULL CHECK (status IN ('pending', 'approved', 'denied', 'used')),
            decidedBy      text,
            decided        timestamptz,
            decisionReason text,
            usedByCallId   text
        );
        CREATE INDEX approvals_fingerprint ON approvals (fingerprint, created);

        CREATE TABLE tokens (
            id          text PRIMARY KEY,
            name        text NOT NULL,
            developer   text NOT NULL,
            project     text NOT NULL,
            roles       text NOT NULL,   -- JSON array of strings
            tools       text,            -- JSON array of globs; NULL for every tool
            secretHash  text NOT NULL,   -- lower-case hex SHA-256 of the secret part
            createdBy   text NOT NULL,
            created     timestamptz NOT NULL,
            expires     timestamptz,
            revoked     timestamptz
        );

        CREATE TABLE rate_buckets (
            key         text PRIMARY KEY,
            level       bigint NOT NULL,  -- in units of 1/periodTicks token (see TokenBucketMath)
            capacity    integer NOT NULL,
            periodTicks bigint NOT NULL,
            updated     timestamptz NOT NULL
        );

        CREATE TABLE ledger_instances (
            instanceId   text PRIMARY KEY,
            instanceType text NOT NULL,
            sessionId    text NOT NULL,
            developer    text NOT NULL,
            project      text NOT NULL,
            launchedAt   timestamptz NOT NULL,
            state        text NOT NULL CHECK (state IN ('running', 'stopped', 'terminated'))
        );
        CREATE INDEX ledger_instances_running ON ledger_instances (state, sessionId, developer);
        CREATE TABLE ledger_reservations (
            callId        text PRIMARY KEY,
            sessionId     text NOT NULL,
            developer     text NOT NULL,
            instanceTypes text[] NOT NULL,
            expires       timestamptz NOT NULL
        );
        """,

        // v2: the session group (API token, else developer) whose sessions' per-session caps an instance also counts against,
        // and reservations one row per instance, as the SQLite store keeps them (RelationalInstanceLedger serves both).
        // Reservations live five minutes at most: the ones in flight during the upgrade are dropped.
        """
        ALTER TABLE ledger_instances ADD COLUMN sessionGroup text;
        CREATE INDEX ledger_instances_group ON ledger_instances (state, sessionGroup);
        DROP TABLE ledger_reservations;
        CREATE TABLE ledger_reservations (
            callId       text NOT NULL,
            n            integer NOT NULL,
            sessionId    text NOT NULL,
            developer    text NOT NULL,
            sessionGroup text,
            instanceType text NOT NULL,
            expires      timestamptz NOT NULL,
            PRIMARY KEY (callId, n)
        );
        """,
    ];

    /// <summary>Gets the schema version this build writes.</summary>
    public static int CurrentVersion => Migrations.Length;

    /// <summary>Brings the database up to <see cref="CurrentVersion"/> in one transaction under an advisory lock; refuses a newer schema.</summary>
    public static async Task MigrateAsync(NpgsqlConnection connection, TimeProvider time, CancellationToken cancellationToken)
    {
        using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);

        // The lock comes first: two replicas starting on an empty database must not both create the tables.
        await PostgresDatabase.LockAsync(connection, transaction, PostgresDatabase.MigrationLock, cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, transaction, "CREATE TABLE IF NOT EXISTS schema_version (version integer PRIMARY KEY, applied timestamptz NOT NULL);", cancellationToken).ConfigureAwait(false);

        using var read = new NpgsqlCommand("SELECT COALESCE(MAX(version), 0) FROM schema_version;", connection, transaction);
        var version = Convert.ToInt32(await read.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
        if (version > CurrentVersion)
        {
            throw new NotSupportedException(
                $"The PostgreSQL store has schema version {version}, newer than this Sentrely supports ({CurrentVersion}). Upgrade Sentrely.");
        }

        for (var next = version + 1; next <= CurrentVersion; next++)
        {
            await ExecuteAsync(connection, transaction, Migrations[next - 1], cancellationToken).ConfigureAwait(false);
            using var record = new NpgsqlCommand("INSERT INTO schema_version (version, applied) VALUES (@version, @applied);", connection, transaction);
            record.Parameters.AddWithValue("version", next);
            record.Parameters.AddWithValue("applied", PostgresTime.Value(time.GetUtcNow()));
            await record.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
