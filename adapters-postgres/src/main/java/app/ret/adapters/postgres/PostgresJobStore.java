package app.ret.adapters.postgres;

import app.ret.domain.cleanup.CleanupReport;
import app.ret.domain.cleanup.RemovedResource;
import app.ret.domain.job.Job;
import app.ret.domain.job.JobId;
import app.ret.domain.job.JobStatus;
import app.ret.domain.job.QueuedJob;
import app.ret.domain.job.RunningJob;
import app.ret.domain.session.SessionId;
import app.ret.ports.out.JobStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Jobs in PostgreSQL, one row each. Every change locks the job's row ({@code SELECT … FOR UPDATE}),
 * applies the domain's transition and writes the outcome in the same transaction, so two parties
 * can never both act on one state. A claim locks the oldest due job with {@code FOR UPDATE SKIP
 * LOCKED}: concurrent workers, in this process or in other instances, each take a different job
 * without waiting on each other. Whenever a job becomes due (submitted, retried, released), its
 * transaction sends a {@link ChangeNotices jobs notice}, so idle workers of every instance look at once.
 */
public final class PostgresJobStore implements JobStore {
    private static final String FINISHED = "('SUCCEEDED', 'FAILED', 'CANCELLED')";
    private static final String SELECT = "SELECT " + JobRow.COLUMNS + " FROM jobs ";

    private final PostgresDatabase database;
    private final ChangeNotices notices;

    public PostgresJobStore(PostgresDatabase database, ChangeNotices notices) {
        this.database = database;
        this.notices = notices;
    }

    @Override
    public String resourceName() {
        return "jobs";
    }

    @Override
    public void enqueue(QueuedJob job) {
        database.autocommit(connection -> {
            try (PreparedStatement insert = connection.prepareStatement(
                    "WITH queued AS (" + JobRow.INSERT + " RETURNING seq) SELECT " + ChangeNotices.jobsNotice() + " FROM queued")) {
                JobRow.bindNew(insert, job);
                insert.setString(JobRow.INSERT_PARAMETERS + 1, notices.origin().value());
                return insert.execute();
            }
        });
    }

    @Override
    public Optional<Job> find(JobId id) {
        return database.autocommit(connection -> findRow(connection, id, "").map(JobRow::job));
    }

    @Override
    public List<Job> listOf(SessionId owner) {
        return database.autocommit(connection -> {
            try (PreparedStatement select = connection.prepareStatement(SELECT + "WHERE session_id = ? ORDER BY created_at DESC, seq DESC")) {
                select.setString(1, owner.value());
                return rows(select).stream().map(JobRow::job).toList();
            }
        });
    }

    @Override
    public Map<JobStatus, Long> countByStatus() {
        return database.autocommit(connection -> {
            Map<JobStatus, Long> counts = new EnumMap<>(JobStatus.class);
            try (PreparedStatement select = connection.prepareStatement("SELECT status, COUNT(*) FROM jobs GROUP BY status");
                 ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    counts.put(JobStatus.valueOf(rows.getString(1)), rows.getLong(2));
                }
            }
            return counts;
        });
    }

    @Override
    public Optional<RunningJob> claimNext(Instant now, Instant leaseUntil) {
        return database.transaction(connection -> claimNext(connection, now, leaseUntil));
    }

    @Override
    public Optional<Job> advance(JobId id, int attempt, Function<RunningJob, Job> step) {
        return database.transaction(connection -> advance(connection, id, attempt, step));
    }

    @Override
    public Optional<RunningJob> advanceAndClaimNext(JobId id, int attempt, Function<RunningJob, Job> step, Instant now,
            Instant leaseUntil) {
        return database.transaction(connection -> {
            advance(connection, id, attempt, step);
            return claimNext(connection, now, leaseUntil);
        });
    }

    private Optional<RunningJob> claimNext(Connection connection, Instant now, Instant leaseUntil) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(SELECT
                + "WHERE status = 'QUEUED' AND not_before <= ? ORDER BY seq LIMIT 1 FOR UPDATE SKIP LOCKED")) {
            Timestamps.set(select, 1, now);
            Optional<JobRow> due = rows(select).stream().findFirst();
            if (due.isEmpty()) {
                return Optional.empty();
            }
            RunningJob running = ((QueuedJob) due.get().job()).start(now, leaseUntil);
            update(connection, due.get(), running);
            return Optional.of(running);
        }
    }

    private Optional<Job> advance(Connection connection, JobId id, int attempt, Function<RunningJob, Job> step)
            throws SQLException {
        Optional<JobRow> row = findRow(connection, id, " FOR UPDATE");
        Optional<Job> next = row.flatMap(found -> found.job().advancedBy(attempt, step));
        if (next.isPresent()) {
            update(connection, row.get(), next.get());
        }
        return next;
    }

    @Override
    public Optional<Job> requestCancellation(JobId id, Instant now) {
        return database.transaction(connection -> {
            Optional<JobRow> row = findRow(connection, id, " FOR UPDATE");
            if (row.isEmpty()) {
                return Optional.empty();
            }
            Job next = row.get().job().cancellationRequested(now);
            update(connection, row.get(), next);
            return Optional.of(next);
        });
    }

    /** Jobs a worker is advancing right now are skipped: its heartbeat decides, and the next pass sees them if still expired. */
    @Override
    public int releaseExpired(Instant now) {
        return database.transaction(connection -> {
            try (PreparedStatement select = connection.prepareStatement(SELECT
                    + "WHERE status = 'RUNNING' AND lease_until <= ? FOR UPDATE SKIP LOCKED")) {
                Timestamps.set(select, 1, now);
                return abandonAll(connection, rows(select), now);
            }
        });
    }

    @Override
    public int releaseAllRunning(Instant now) {
        return database.transaction(connection -> {
            try (PreparedStatement select = connection.prepareStatement(SELECT + "WHERE status = 'RUNNING' FOR UPDATE")) {
                return abandonAll(connection, rows(select), now);
            }
        });
    }

    private int abandonAll(Connection connection, List<JobRow> running, Instant now) throws SQLException {
        for (JobRow row : running) {
            update(connection, row, ((RunningJob) row.job()).abandon(now));
        }
        return running.size();
    }

    @Override
    public int deleteFinishedBefore(Instant cutoff) {
        return database.autocommit(connection -> {
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM jobs WHERE status IN " + FINISHED + " AND finished_at < ?")) {
                Timestamps.set(delete, 1, cutoff);
                return delete.executeUpdate();
            }
        });
    }

    @Override
    public CleanupReport purge(SessionId sessionId) {
        int removed = database.autocommit(connection -> {
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM jobs WHERE session_id = ?")) {
                delete.setString(1, sessionId.value());
                return delete.executeUpdate();
            }
        });
        return CleanupReport.of(RemovedResource.JOBS, removed);
    }

    private static Optional<JobRow> findRow(Connection connection, JobId id, String locking) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(SELECT + "WHERE id = ?" + locking)) {
            select.setString(1, id.value());
            return rows(select).stream().findFirst();
        }
    }

    /** Called inside a transaction, so a notice that the job is due goes out when the change commits. */
    private void update(Connection connection, JobRow row, Job next) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(JobRow.UPDATE)) {
            JobRow.bindChange(update, row.seq(), next);
            update.executeUpdate();
        }
        if (next instanceof QueuedJob) {
            notices.jobsQueued(connection);
        }
    }

    private static List<JobRow> rows(PreparedStatement select) throws SQLException {
        List<JobRow> jobs = new ArrayList<>();
        try (ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                jobs.add(JobRow.read(rows));
            }
        }
        return jobs;
    }
}
