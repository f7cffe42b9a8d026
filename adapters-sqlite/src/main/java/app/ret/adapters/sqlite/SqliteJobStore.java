package app.ret.adapters.sqlite;

import app.ret.domain.cleanup.CleanupReport;
import app.ret.domain.cleanup.RemovedResource;
import app.ret.domain.job.FailedInput;
import app.ret.domain.job.Job;
import app.ret.domain.job.JobError;
import app.ret.domain.job.JobId;
import app.ret.domain.job.JobOutput;
import app.ret.domain.job.JobProgress;
import app.ret.domain.job.JobParameters;
import app.ret.domain.job.JobResult;
import app.ret.domain.job.JobSnapshot;
import app.ret.domain.job.JobSpec;
import app.ret.domain.job.JobStatus;
import app.ret.domain.job.JobType;
import app.ret.domain.job.QueuedJob;
import app.ret.domain.job.RunningJob;
import app.ret.domain.session.SessionId;
import app.ret.ports.out.JobStore;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Jobs in SQLite. Every change reads the stored job, applies the domain's transition and writes
 * the outcome inside one write transaction; with the single writer that makes a claim atomic
 * without any row locking of its own. Writes from concurrent submitters and workers share
 * commits ({@link GroupCommit}), the lever on durable throughput. Parameters are one form-encoded
 * column; results live in child tables keyed by the job's row number, which is also the queue order.
 */
public final class SqliteJobStore implements JobStore {
    private static final String COLUMNS = "seq, id, session_id, type, parameters, max_attempts, created_at, status, attempts, progress_done,"
            + " progress_total, not_before, started_at, lease_until, cancel_requested, finished_at, error_code, error_message, has_result";
    private static final String FINISHED = "('SUCCEEDED', 'FAILED', 'CANCELLED')";

    private final SqliteDatabase database;
    private final GroupCommit writes;

    public SqliteJobStore(SqliteDatabase database) {
        this.database = database;
        this.writes = new GroupCommit(database);
    }

    /** A stored job with the row number its child rows hang off. */
    private record Row(long seq, Job job) {}

    @Override
    public String resourceName() {
        return "jobs";
    }

    @Override
    public void enqueue(QueuedJob job) {
        writes.write(sql -> {
            PreparedStatement insert = sql.prepare("INSERT INTO jobs(id, session_id, type, parameters, max_attempts, created_at,"
                    + " status, attempts, progress_done, progress_total, not_before, started_at, lease_until, cancel_requested,"
                    + " finished_at, error_code, error_message, has_result) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
            JobSpec spec = job.spec();
            insert.setString(1, spec.id().value());
            insert.setString(2, spec.owner().value());
            insert.setString(3, spec.type().name());
            insert.setString(4, FormEncodedParameters.encode(spec.parameters()));
            insert.setInt(5, spec.maxAttempts());
            insert.setLong(6, spec.createdAt().toEpochMilli());
            bindState(insert, 7, job);
            return insert.executeUpdate();
        });
    }

    @Override
    public Optional<Job> find(JobId id) {
        return database.read(sql -> inSnapshot(sql, () -> findRow(sql, id).map(Row::job)));
    }

    @Override
    public List<Job> listOf(SessionId owner) {
        return database.read(sql -> inSnapshot(sql, () -> {
            PreparedStatement select = sql.prepare("SELECT " + COLUMNS + " FROM jobs WHERE session_id = ? ORDER BY created_at DESC, seq DESC");
            select.setString(1, owner.value());
            return rows(sql, select).stream().map(Row::job).toList();
        }));
    }

    @Override
    public Map<JobStatus, Long> countByStatus() {
        return database.read(sql -> {
            Map<JobStatus, Long> counts = new EnumMap<>(JobStatus.class);
            try (ResultSet rows = sql.prepare("SELECT status, COUNT(*) FROM jobs GROUP BY status").executeQuery()) {
                while (rows.next()) {
                    counts.put(JobStatus.valueOf(rows.getString(1)), rows.getLong(2));
                }
            }
            return counts;
        });
    }

    @Override
    public Optional<RunningJob> claimNext(Instant now, Instant leaseUntil) {
        return writes.write(sql -> claimNext(sql, now, leaseUntil));
    }

    @Override
    public Optional<Job> advance(JobId id, int attempt, Function<RunningJob, Job> step) {
        return writes.write(sql -> advance(sql, id, attempt, step));
    }

    @Override
    public Optional<RunningJob> advanceAndClaimNext(JobId id, int attempt, Function<RunningJob, Job> step, Instant now,
            Instant leaseUntil) {
        return writes.write(sql -> {
            advance(sql, id, attempt, step);
            return claimNext(sql, now, leaseUntil);
        });
    }

    private static Optional<RunningJob> claimNext(SqlSession sql, Instant now, Instant leaseUntil) throws SQLException {
        PreparedStatement select = sql.prepare(
                "SELECT " + COLUMNS + " FROM jobs WHERE status = 'QUEUED' AND not_before <= ? ORDER BY seq LIMIT 1");
        select.setLong(1, now.toEpochMilli());
        List<Row> due = rows(sql, select);
        if (due.isEmpty()) {
            return Optional.empty();
        }
        Row row = due.get(0);
        RunningJob running = ((QueuedJob) row.job()).start(now, leaseUntil);
        update(sql, row, running);
        return Optional.of(running);
    }

    private static Optional<Job> advance(SqlSession sql, JobId id, int attempt, Function<RunningJob, Job> step) throws SQLException {
        Optional<Row> row = findRow(sql, id);
        Optional<Job> next = row.flatMap(found -> found.job().advancedBy(attempt, step));
        if (next.isPresent()) {
            update(sql, row.get(), next.get());
        }
        return next;
    }

    @Override
    public Optional<Job> requestCancellation(JobId id, Instant now) {
        return writes.write(sql -> {
            Optional<Row> row = findRow(sql, id);
            if (row.isEmpty()) {
                return Optional.empty();
            }
            Job next = row.get().job().cancellationRequested(now);
            update(sql, row.get(), next);
            return Optional.of(next);
        });
    }

    @Override
    public int releaseExpired(Instant now) {
        return writes.write(sql -> {
            PreparedStatement select = sql.prepare("SELECT " + COLUMNS + " FROM jobs WHERE status = 'RUNNING' AND lease_until <= ?");
            select.setLong(1, now.toEpochMilli());
            return abandonAll(sql, rows(sql, select), now);
        });
    }

    @Override
    public int releaseAllRunning(Instant now) {
        return writes.write(sql -> abandonAll(sql, rows(sql, sql.prepare("SELECT " + COLUMNS + " FROM jobs WHERE status = 'RUNNING'")), now));
    }

    private static int abandonAll(SqlSession sql, List<Row> running, Instant now) throws SQLException {
        for (Row row : running) {
            update(sql, row, ((RunningJob) row.job()).abandon(now));
        }
        return running.size();
    }

    @Override
    public int deleteFinishedBefore(Instant cutoff) {
        return writes.write(sql -> {
            PreparedStatement delete = sql.prepare("DELETE FROM jobs WHERE status IN " + FINISHED + " AND finished_at < ?");
            delete.setLong(1, cutoff.toEpochMilli());
            return delete.executeUpdate();
        });
    }

    @Override
    public CleanupReport purge(SessionId sessionId) {
        int removed = writes.write(sql -> {
            PreparedStatement delete = sql.prepare("DELETE FROM jobs WHERE session_id = ?");
            delete.setString(1, sessionId.value());
            return delete.executeUpdate();
        });
        return CleanupReport.of(RemovedResource.JOBS, removed);
    }

    /** Several statements read one job; a read transaction makes them see the same snapshot. */
    private static <T> T inSnapshot(SqlSession sql, SnapshotRead<T> work) throws SQLException {
        sql.execute("BEGIN");
        try {
            return work.get();
        } finally {
            sql.execute("COMMIT");
        }
    }

    @FunctionalInterface
    private interface SnapshotRead<T> {
        T get() throws SQLException;
    }

    private static Optional<Row> findRow(SqlSession sql, JobId id) throws SQLException {
        PreparedStatement select = sql.prepare("SELECT " + COLUMNS + " FROM jobs WHERE id = ?");
        select.setString(1, id.value());
        return rows(sql, select).stream().findFirst();
    }

    private static void update(SqlSession sql, Row row, Job next) throws SQLException {
        PreparedStatement update = sql.prepare("UPDATE jobs SET status = ?, attempts = ?, progress_done = ?, progress_total = ?,"
                + " not_before = ?, started_at = ?, lease_until = ?, cancel_requested = ?, finished_at = ?, error_code = ?,"
                + " error_message = ?, has_result = ? WHERE seq = ?");
        bindState(update, 1, next);
        update.setLong(13, row.seq());
        update.executeUpdate();
        if (next.result().isPresent() && row.job().result().isEmpty()) {
            insertResult(sql, row.seq(), next.result().get());
        }
    }

    /** The twelve columns that change with the state, from {@code status} to {@code has_result}. */
    private static void bindState(PreparedStatement statement, int first, Job job) throws SQLException {
        JobSnapshot state = JobSnapshot.of(job);
        statement.setString(first, state.status().name());
        statement.setInt(first + 1, state.attempts());
        statement.setLong(first + 2, state.progress().done());
        statement.setLong(first + 3, state.progress().total());
        setInstant(statement, first + 4, state.notBefore());
        setInstant(statement, first + 5, state.startedAt());
        setInstant(statement, first + 6, state.leaseUntil());
        statement.setInt(first + 7, state.cancelRequested() ? 1 : 0);
        setInstant(statement, first + 8, state.finishedAt());
        statement.setString(first + 9, state.error().map(JobError::code).orElse(null));
        statement.setString(first + 10, state.error().map(JobError::message).orElse(null));
        statement.setInt(first + 11, state.result().isPresent() ? 1 : 0);
    }

    private static void setInstant(PreparedStatement statement, int index, Optional<Instant> instant) throws SQLException {
        if (instant.isPresent()) {
            statement.setLong(index, instant.get().toEpochMilli());
        } else {
            statement.setNull(index, Types.INTEGER);
        }
    }

    private static void insertResult(SqlSession sql, long seq, JobResult result) throws SQLException {
        PreparedStatement output = sql.prepare("INSERT INTO job_outputs(job_seq, position, input, output, row_count, column_count,"
                + " byte_count, cached) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
        for (int position = 0; position < result.outputs().size(); position++) {
            JobOutput produced = result.outputs().get(position);
            output.setLong(1, seq);
            output.setInt(2, position);
            output.setString(3, produced.input());
            output.setString(4, produced.output());
            output.setLong(5, produced.rows());
            output.setInt(6, produced.columns());
            output.setLong(7, produced.bytes());
            output.setInt(8, produced.cached() ? 1 : 0);
            output.executeUpdate();
        }
        PreparedStatement failed = sql.prepare(
                "INSERT INTO job_failed_inputs(job_seq, position, input, code, message) VALUES (?, ?, ?, ?, ?)");
        for (int position = 0; position < result.failed().size(); position++) {
            FailedInput input = result.failed().get(position);
            failed.setLong(1, seq);
            failed.setInt(2, position);
            failed.setString(3, input.input());
            failed.setString(4, input.error().code());
            failed.setString(5, input.error().message());
            failed.executeUpdate();
        }
        if (!result.summary().values().isEmpty()) {
            PreparedStatement summary = sql.prepare("INSERT INTO job_result_summaries(job_seq, summary) VALUES (?, ?)");
            summary.setLong(1, seq);
            summary.setString(2, FormEncodedParameters.encode(result.summary()));
            summary.executeUpdate();
        }
    }

    /** Reads every selected job row, then the results they refer to. */
    private static List<Row> rows(SqlSession sql, PreparedStatement select) throws SQLException {
        List<RowData> found = new ArrayList<>();
        try (ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                found.add(RowData.read(rows));
            }
        }
        List<Row> jobs = new ArrayList<>(found.size());
        for (RowData data : found) {
            Optional<JobResult> result = data.hasResult() ? Optional.of(result(sql, data.seq())) : Optional.empty();
            jobs.add(new Row(data.seq(), data.toJob(result)));
        }
        return jobs;
    }

    private static JobResult result(SqlSession sql, long seq) throws SQLException {
        PreparedStatement outputs = sql.prepare("SELECT input, output, row_count, column_count, byte_count, cached FROM job_outputs"
                + " WHERE job_seq = ? ORDER BY position");
        outputs.setLong(1, seq);
        List<JobOutput> produced = new ArrayList<>();
        try (ResultSet rows = outputs.executeQuery()) {
            while (rows.next()) {
                produced.add(new JobOutput(rows.getString(1), rows.getString(2), rows.getLong(3), rows.getInt(4), rows.getLong(5),
                        rows.getInt(6) == 1));
            }
        }
        PreparedStatement failures = sql.prepare("SELECT input, code, message FROM job_failed_inputs WHERE job_seq = ? ORDER BY position");
        failures.setLong(1, seq);
        List<FailedInput> failed = new ArrayList<>();
        try (ResultSet rows = failures.executeQuery()) {
            while (rows.next()) {
                failed.add(new FailedInput(rows.getString(1), new JobError(rows.getString(2), rows.getString(3))));
            }
        }
        PreparedStatement summaries = sql.prepare("SELECT summary FROM job_result_summaries WHERE job_seq = ?");
        summaries.setLong(1, seq);
        JobParameters summary = JobParameters.NONE;
        try (ResultSet rows = summaries.executeQuery()) {
            if (rows.next()) {
                summary = FormEncodedParameters.decode(rows.getString(1));
            }
        }
        return new JobResult(produced, failed, summary);
    }

    /** The columns of one job row, read before its child rows (one open result set at a time). */
    private record RowData(long seq, String id, String sessionId, String type, String parameters, int maxAttempts, long createdAt,
            JobStatus status,
            int attempts, JobProgress progress, Optional<Instant> notBefore, Optional<Instant> startedAt, Optional<Instant> leaseUntil,
            boolean cancelRequested, Optional<Instant> finishedAt, Optional<JobError> error, boolean hasResult) {

        static RowData read(ResultSet rows) throws SQLException {
            String errorCode = rows.getString("error_code");
            return new RowData(rows.getLong("seq"), rows.getString("id"), rows.getString("session_id"), rows.getString("type"),
                    rows.getString("parameters"), rows.getInt("max_attempts"), rows.getLong("created_at"), JobStatus.valueOf(rows.getString("status")),
                    rows.getInt("attempts"), new JobProgress(rows.getLong("progress_done"), rows.getLong("progress_total")),
                    instant(rows, "not_before"), instant(rows, "started_at"), instant(rows, "lease_until"),
                    rows.getInt("cancel_requested") == 1, instant(rows, "finished_at"),
                    errorCode == null ? Optional.empty() : Optional.of(new JobError(errorCode, rows.getString("error_message"))),
                    rows.getInt("has_result") == 1);
        }

        private static Optional<Instant> instant(ResultSet rows, String column) throws SQLException {
            long millis = rows.getLong(column);
            return rows.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(millis));
        }

        Job toJob(Optional<JobResult> result) {
            JobSpec spec = new JobSpec(new JobId(id), new SessionId(sessionId), new JobType(type), FormEncodedParameters.decode(parameters),
                    Instant.ofEpochMilli(createdAt), maxAttempts);
            return new JobSnapshot(spec, status, attempts, progress, notBefore, startedAt, leaseUntil, cancelRequested, finishedAt, error,
                    result).job();
        }
    }
}
