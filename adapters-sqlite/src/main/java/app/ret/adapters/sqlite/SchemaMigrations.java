package app.ret.adapters.sqlite;

import java.util.List;

/**
 * The schema's history. Append new versions at the end; never edit an applied one, because
 * existing databases have already run it.
 */
final class SchemaMigrations {
    static final List<Migration> ALL = List.of(
            new Migration(1, "users, sessions and refresh tokens", List.of(
                    """
                    CREATE TABLE users (
                        username TEXT PRIMARY KEY,
                        role TEXT NOT NULL,
                        password_hash TEXT NOT NULL,
                        hash_iterations INTEGER NOT NULL,
                        disabled INTEGER NOT NULL DEFAULT 0,
                        created_at INTEGER NOT NULL)""",
                    """
                    CREATE TABLE sessions (
                        id TEXT PRIMARY KEY,
                        username TEXT NOT NULL,
                        role TEXT NOT NULL,
                        created_at INTEGER NOT NULL,
                        last_seen_at INTEGER NOT NULL,
                        idle_timeout_ms INTEGER NOT NULL,
                        absolute_timeout_ms INTEGER NOT NULL,
                        status TEXT NOT NULL,
                        end_reason TEXT)""",
                    "CREATE INDEX sessions_by_status ON sessions(status, created_at)",
                    "CREATE INDEX sessions_by_user ON sessions(username, status)",
                    """
                    CREATE TABLE refresh_tokens (
                        token_hash TEXT PRIMARY KEY,
                        session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
                        issued_at INTEGER NOT NULL,
                        expires_at INTEGER NOT NULL,
                        status TEXT NOT NULL)""",
                    "CREATE INDEX refresh_tokens_by_session ON refresh_tokens(session_id)")),
            new Migration(2, "cache entries", List.of(
                    // Binary collation: keys are ASCII, compared byte by byte and case-sensitively,
                    // so a key prefix is one range of the primary key index.
                    """
                    CREATE TABLE cache_entries (
                        key TEXT PRIMARY KEY COLLATE BINARY,
                        value BLOB NOT NULL,
                        size INTEGER NOT NULL,
                        created_at INTEGER NOT NULL,
                        expires_at INTEGER)""",
                    "CREATE INDEX cache_entries_by_expiry ON cache_entries(expires_at) WHERE expires_at IS NOT NULL")),
            new Migration(3, "durable job queue", List.of(
                    """
                    CREATE TABLE jobs (
                        seq INTEGER PRIMARY KEY,
                        id TEXT NOT NULL UNIQUE,
                        session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
                        type TEXT NOT NULL,
                        parameters TEXT NOT NULL,
                        max_attempts INTEGER NOT NULL,
                        created_at INTEGER NOT NULL,
                        status TEXT NOT NULL CHECK (status IN ('QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELLED')),
                        attempts INTEGER NOT NULL CHECK (attempts BETWEEN 0 AND max_attempts),
                        progress_done INTEGER NOT NULL,
                        progress_total INTEGER NOT NULL,
                        not_before INTEGER,
                        started_at INTEGER,
                        lease_until INTEGER,
                        cancel_requested INTEGER NOT NULL,
                        finished_at INTEGER,
                        error_code TEXT,
                        error_message TEXT,
                        has_result INTEGER NOT NULL)""",
                    "CREATE INDEX jobs_by_status ON jobs(status, seq)",
                    "CREATE INDEX jobs_by_session ON jobs(session_id, created_at)",
                    """
                    CREATE TABLE job_outputs (
                        job_seq INTEGER NOT NULL REFERENCES jobs(seq) ON DELETE CASCADE,
                        position INTEGER NOT NULL,
                        input TEXT NOT NULL,
                        output TEXT NOT NULL,
                        row_count INTEGER NOT NULL,
                        column_count INTEGER NOT NULL,
                        byte_count INTEGER NOT NULL,
                        cached INTEGER NOT NULL,
                        PRIMARY KEY (job_seq, position)) WITHOUT ROWID""",
                    """
                    CREATE TABLE job_failed_inputs (
                        job_seq INTEGER NOT NULL REFERENCES jobs(seq) ON DELETE CASCADE,
                        position INTEGER NOT NULL,
                        input TEXT NOT NULL,
                        code TEXT NOT NULL,
                        message TEXT NOT NULL,
                        PRIMARY KEY (job_seq, position)) WITHOUT ROWID""")),
            // Epoch milliseconds until which the process that marked or took over an ending holds its
            // cleanup; NULL for endings of databases migrated from version 3 (nobody holds them).
            new Migration(4, "session cleanup claims", List.of(
                    "ALTER TABLE sessions ADD COLUMN cleanup_claimed_until INTEGER")),
            new Migration(5, "job result summaries", List.of(
                    """
                    CREATE TABLE job_result_summaries (
                        job_seq INTEGER PRIMARY KEY REFERENCES jobs(seq) ON DELETE CASCADE,
                        summary TEXT NOT NULL)""")),
            // When a token was rotated: a copy presented again within the reuse grace is a race
            // (two tabs), not a replay. Tokens rotated before this version count as rotated long ago.
            new Migration(6, "refresh token rotation times", List.of(
                    "ALTER TABLE refresh_tokens ADD COLUMN rotated_at INTEGER",
                    "UPDATE refresh_tokens SET rotated_at = issued_at WHERE status = 'ROTATED'")),
            // A retired prefix hides its entries at once; they are deleted later in batches. The
            // entries of each namespace (a key up to its second ':', such as session:<id>:) are
            // counted by triggers, whoever writes the rows, so retiring a session's entries
            // reports their number without a scan.
            new Migration(7, "retired cache prefixes and namespace sizes", List.of(
                    """
                    CREATE TABLE cache_retired (
                        prefix TEXT PRIMARY KEY COLLATE BINARY,
                        upper_bound TEXT NOT NULL COLLATE BINARY,
                        retired_at INTEGER NOT NULL) WITHOUT ROWID""",
                    """
                    CREATE TABLE cache_namespace_sizes (
                        namespace TEXT PRIMARY KEY COLLATE BINARY,
                        entries INTEGER NOT NULL) WITHOUT ROWID""",
                    """
                    INSERT INTO cache_namespace_sizes(namespace, entries)
                    SELECT substr(e.key, 1, instr(e.key, ':') + instr(substr(e.key, instr(e.key, ':') + 1), ':')), count(*) FROM cache_entries e
                    WHERE instr(e.key, ':') > 0 AND instr(substr(e.key, instr(e.key, ':') + 1), ':') > 0 GROUP BY 1""",
                    """
                    CREATE TRIGGER cache_entries_counted AFTER INSERT ON cache_entries
                    WHEN instr(NEW.key, ':') > 0 AND instr(substr(NEW.key, instr(NEW.key, ':') + 1), ':') > 0
                    BEGIN
                        INSERT INTO cache_namespace_sizes(namespace, entries) VALUES (substr(NEW.key, 1, instr(NEW.key, ':') + instr(substr(NEW.key, instr(NEW.key, ':') + 1), ':')), 1)
                        ON CONFLICT(namespace) DO UPDATE SET entries = entries + 1;
                    END""",
                    """
                    CREATE TRIGGER cache_entries_uncounted AFTER DELETE ON cache_entries
                    WHEN instr(OLD.key, ':') > 0 AND instr(substr(OLD.key, instr(OLD.key, ':') + 1), ':') > 0
                    BEGIN
                        UPDATE cache_namespace_sizes SET entries = entries - 1 WHERE namespace = substr(OLD.key, 1, instr(OLD.key, ':') + instr(substr(OLD.key, instr(OLD.key, ':') + 1), ':'));
                        DELETE FROM cache_namespace_sizes WHERE namespace = substr(OLD.key, 1, instr(OLD.key, ':') + instr(substr(OLD.key, instr(OLD.key, ':') + 1), ':')) AND entries <= 0;
                    END""")));

    private SchemaMigrations() {}
}
