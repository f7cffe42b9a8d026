package app.ret.adapters.postgres;

import java.util.List;

/**
 * The schema's history. Append new versions at the end; never edit an applied one, because
 * existing databases have already run it. Keys that are compared as ranges or sorted for clients
 * (user names, cache keys) use the {@code "C"} collation: byte order, case-sensitive, the same as
 * Java's and SQLite's, whatever locale the database was created with.
 */
final class PostgresSchema {
    static final List<SchemaStep> STEPS = List.of(
            new SchemaStep(1, "users, sessions and refresh tokens", """
                    CREATE TABLE users (
                        username text COLLATE "C" PRIMARY KEY,
                        role text NOT NULL,
                        password_hash text NOT NULL,
                        hash_iterations integer NOT NULL,
                        disabled boolean NOT NULL DEFAULT false,
                        created_at timestamptz NOT NULL);
                    CREATE TABLE sessions (
                        id text PRIMARY KEY,
                        username text COLLATE "C" NOT NULL,
                        role text NOT NULL,
                        created_at timestamptz NOT NULL,
                        last_seen_at timestamptz NOT NULL,
                        idle_timeout_ms bigint NOT NULL,
                        absolute_timeout_ms bigint NOT NULL,
                        status text NOT NULL CHECK (status IN ('ACTIVE', 'ENDING')),
                        end_reason text);
                    CREATE INDEX sessions_by_status ON sessions(status, created_at);
                    CREATE INDEX sessions_by_user ON sessions(username, status);
                    CREATE TABLE refresh_tokens (
                        token_hash text PRIMARY KEY,
                        session_id text NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
                        issued_at timestamptz NOT NULL,
                        expires_at timestamptz NOT NULL,
                        status text NOT NULL);
                    CREATE INDEX refresh_tokens_by_session ON refresh_tokens(session_id);
                    """),
            new SchemaStep(2, "cache entries", """
                    CREATE TABLE cache_entries (
                        key text COLLATE "C" PRIMARY KEY,
                        value bytea NOT NULL,
                        size integer NOT NULL,
                        created_at timestamptz NOT NULL,
                        expires_at timestamptz);
                    CREATE INDEX cache_entries_by_expiry ON cache_entries(expires_at) WHERE expires_at IS NOT NULL;
                    """),
            // A job's parameters are two parallel arrays (a name per value), its result parallel
            // arrays per field: the whole job is one row, read and written by one statement.
            new SchemaStep(3, "durable job queue", """
                    CREATE TABLE jobs (
                        seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                        id text NOT NULL UNIQUE,
                        session_id text NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
                        type text NOT NULL,
                        parameter_names text[] NOT NULL,
                        parameter_values text[] NOT NULL,
                        max_attempts integer NOT NULL,
                        created_at timestamptz NOT NULL,
                        status text NOT NULL CHECK (status IN ('QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELLED')),
                        attempts integer NOT NULL CHECK (attempts BETWEEN 0 AND max_attempts),
                        progress_done bigint NOT NULL,
                        progress_total bigint NOT NULL,
                        not_before timestamptz,
                        started_at timestamptz,
                        lease_until timestamptz,
                        cancel_requested boolean NOT NULL,
                        finished_at timestamptz,
                        error_code text,
                        error_message text,
                        has_result boolean NOT NULL,
                        output_inputs text[],
                        output_paths text[],
                        output_rows bigint[],
                        output_columns integer[],
                        output_bytes bigint[],
                        output_cached boolean[],
                        failed_inputs text[],
                        failed_codes text[],
                        failed_messages text[]);
                    CREATE INDEX jobs_queued ON jobs(seq) WHERE status = 'QUEUED';
                    CREATE INDEX jobs_leases ON jobs(lease_until) WHERE status = 'RUNNING';
                    CREATE INDEX jobs_finished ON jobs(finished_at) WHERE finished_at IS NOT NULL;
                    CREATE INDEX jobs_by_session ON jobs(session_id, created_at);
                    """),
            // Unlogged: counters of short windows need no crash safety (a crash at worst resets
            // them) and skip the write-ahead log on every request. No index beside the key: every
            // check then updates its row in place (a HOT update), and the once-a-window sweep of
            // closed windows scans a table that holds only the keys of one window.
            new SchemaStep(4, "rate-limit windows", """
                    CREATE UNLOGGED TABLE rate_limit_windows (
                        namespace text NOT NULL,
                        key text NOT NULL,
                        ends_at timestamptz NOT NULL,
                        admitted integer NOT NULL CHECK (admitted >= 0),
                        last_request_counted boolean NOT NULL,
                        PRIMARY KEY (namespace, key)) WITH (fillfactor = 70);
                    """),
            // Until when the instance that marked or took over an ending holds its cleanup; NULL:
            // nobody does (endings from before this version).
            new SchemaStep(5, "session cleanup claims", """
                    ALTER TABLE sessions ADD COLUMN cleanup_claimed_until timestamptz;
                    """),
            new SchemaStep(6, "job result summaries", """
                    ALTER TABLE jobs ADD COLUMN summary_names text[], ADD COLUMN summary_values text[];
                    """),
            // When a token was rotated: a copy presented again within the reuse grace is a race
            // (two tabs), not a replay. Tokens rotated before this version count as rotated long ago.
            new SchemaStep(7, "refresh token rotation times", """
                    ALTER TABLE refresh_tokens ADD COLUMN rotated_at timestamptz;
                    UPDATE refresh_tokens SET rotated_at = issued_at WHERE status = 'ROTATED';
                    """),
            // A retired prefix hides its entries at once; they are deleted later in batches.
            new SchemaStep(8, "retired cache prefixes", """
                    CREATE TABLE cache_retired (
                        prefix text COLLATE "C" PRIMARY KEY,
                        upper_bound text COLLATE "C" NOT NULL,
                        retired_at timestamptz NOT NULL);
                    """));

    private PostgresSchema() {}

    static int newestVersion() {
        return STEPS.get(STEPS.size() - 1).version();
    }
}
