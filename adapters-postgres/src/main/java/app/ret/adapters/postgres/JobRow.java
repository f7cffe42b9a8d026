package app.ret.adapters.postgres;

import app.ret.domain.job.FailedInput;
import app.ret.domain.job.Job;
import app.ret.domain.job.JobError;
import app.ret.domain.job.JobId;
import app.ret.domain.job.JobOutput;
import app.ret.domain.job.JobParameters;
import app.ret.domain.job.JobProgress;
import app.ret.domain.job.JobResult;
import app.ret.domain.job.JobSnapshot;
import app.ret.domain.job.JobSpec;
import app.ret.domain.job.JobStatus;
import app.ret.domain.job.JobType;
import app.ret.domain.job.QueuedJob;
import app.ret.domain.session.SessionId;
import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One job as one row of {@code jobs}, with the row number that orders the queue. The parameters
 * are two parallel arrays (a name per value); the result is parallel arrays per field of its outputs
 * and failed inputs, and the result's summary as two more parallel arrays, so a job, result
 * included, is read and written by a single statement.
 */
record JobRow(long seq, Job job) {
    private static final String STATE_COLUMNS = "status, attempts, progress_done, progress_total, not_before, started_at,"
            + " lease_until, cancel_requested, finished_at, error_code, error_message, has_result, output_inputs, output_paths,"
            + " output_rows, output_columns, output_bytes, output_cached, failed_inputs, failed_codes, failed_messages,"
            + " summary_names, summary_values";
    private static final int STATE_COLUMN_COUNT = 23;
    static final String COLUMNS = "seq, id, session_id, type, parameter_names, parameter_values, max_attempts, created_at, "
            + STATE_COLUMNS;
    static final String INSERT = "INSERT INTO jobs(id, session_id, type, parameter_names, parameter_values, max_attempts, created_at, "
            + STATE_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?" + ", ?".repeat(STATE_COLUMN_COUNT) + ")";
    static final int INSERT_PARAMETERS = 7 + STATE_COLUMN_COUNT;
    static final String UPDATE = "UPDATE jobs SET (" + STATE_COLUMNS + ") = (?" + ", ?".repeat(STATE_COLUMN_COUNT - 1) + ") WHERE seq = ?";

    static void bindNew(PreparedStatement insert, QueuedJob job) throws SQLException {
        JobSpec spec = job.spec();
        insert.setString(1, spec.id().value());
        insert.setString(2, spec.owner().value());
        insert.setString(3, spec.type().name());
        insert.setObject(4, names(spec.parameters()));
        insert.setObject(5, values(spec.parameters()));
        insert.setInt(6, spec.maxAttempts());
        Timestamps.set(insert, 7, spec.createdAt());
        bindState(insert, 8, job);
    }

    static void bindChange(PreparedStatement update, long seq, Job next) throws SQLException {
        bindState(update, 1, next);
        update.setLong(STATE_COLUMN_COUNT + 1, seq);
    }

    /** The columns that change with the state, from {@code status} to {@code summary_values}. */
    private static void bindState(PreparedStatement statement, int first, Job job) throws SQLException {
        JobSnapshot state = JobSnapshot.of(job);
        statement.setString(first, state.status().name());
        statement.setInt(first + 1, state.attempts());
        statement.setLong(first + 2, state.progress().done());
        statement.setLong(first + 3, state.progress().total());
        Timestamps.set(statement, first + 4, state.notBefore());
        Timestamps.set(statement, first + 5, state.startedAt());
        Timestamps.set(statement, first + 6, state.leaseUntil());
        statement.setBoolean(first + 7, state.cancelRequested());
        Timestamps.set(statement, first + 8, state.finishedAt());
        statement.setString(first + 9, state.error().map(JobError::code).orElse(null));
        statement.setString(first + 10, state.error().map(JobError::message).orElse(null));
        statement.setBoolean(first + 11, state.result().isPresent());
        Optional<JobResult> result = state.result();
        List<JobOutput> outputs = result.map(JobResult::outputs).orElse(List.of());
        List<FailedInput> failed = result.map(JobResult::failed).orElse(List.of());
        setArray(statement, first + 12, result, outputs.stream().map(JobOutput::input).toArray(String[]::new));
        setArray(statement, first + 13, result, outputs.stream().map(JobOutput::output).toArray(String[]::new));
        setArray(statement, first + 14, result, outputs.stream().mapToLong(JobOutput::rows).toArray());
        setArray(statement, first + 15, result, outputs.stream().mapToInt(JobOutput::columns).toArray());
        setArray(statement, first + 16, result, outputs.stream().mapToLong(JobOutput::bytes).toArray());
        Boolean[] cached = outputs.stream().map(JobOutput::cached).toArray(Boolean[]::new);
        setArray(statement, first + 17, result, cached);
        setArray(statement, first + 18, result, failed.stream().map(FailedInput::input).toArray(String[]::new));
        setArray(statement, first + 19, result, failed.stream().map(input -> input.error().code()).toArray(String[]::new));
        setArray(statement, first + 20, result, failed.stream().map(input -> input.error().message()).toArray(String[]::new));
        JobParameters summary = result.map(JobResult::summary).orElse(JobParameters.NONE);
        setArray(statement, first + 21, result, names(summary));
        setArray(statement, first + 22, result, values(summary));
    }

    /** Named lists as two parallel arrays: a name for each value. */
    private static String[] names(JobParameters parameters) {
        return parameters.values().entrySet().stream()
                .flatMap(entry -> entry.getValue().stream().map(value -> entry.getKey())).toArray(String[]::new);
    }

    private static String[] values(JobParameters parameters) {
        return parameters.values().values().stream().flatMap(List::stream).toArray(String[]::new);
    }

    /** A result's field as an array (pgjdbc encodes Java arrays as PostgreSQL arrays); SQL NULL when there is no result. */
    private static void setArray(PreparedStatement statement, int index, Optional<JobResult> result, Object array) throws SQLException {
        if (result.isPresent()) {
            statement.setObject(index, array);
        } else {
            statement.setNull(index, Types.ARRAY);
        }
    }

    static JobRow read(ResultSet rows) throws SQLException {
        JobSpec spec = new JobSpec(new JobId(rows.getString("id")), new SessionId(rows.getString("session_id")),
                new JobType(rows.getString("type")), parameters(rows, "parameter_names", "parameter_values"), Timestamps.get(rows, "created_at"), rows.getInt("max_attempts"));
        String errorCode = rows.getString("error_code");
        JobSnapshot state = new JobSnapshot(spec, JobStatus.valueOf(rows.getString("status")), rows.getInt("attempts"),
                new JobProgress(rows.getLong("progress_done"), rows.getLong("progress_total")),
                Timestamps.optional(rows, "not_before"), Timestamps.optional(rows, "started_at"), Timestamps.optional(rows, "lease_until"),
                rows.getBoolean("cancel_requested"), Timestamps.optional(rows, "finished_at"),
                errorCode == null ? Optional.empty() : Optional.of(new JobError(errorCode, rows.getString("error_message"))),
                rows.getBoolean("has_result") ? Optional.of(result(rows)) : Optional.empty());
        return new JobRow(rows.getLong("seq"), state.job());
    }

    private static JobParameters parameters(ResultSet rows, String namesColumn, String valuesColumn) throws SQLException {
        String[] names = array(rows, namesColumn, String[].class);
        String[] values = array(rows, valuesColumn, String[].class);
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        for (int i = 0; i < names.length; i++) {
            parameters.computeIfAbsent(names[i], name -> new ArrayList<>()).add(values[i]);
        }
        return new JobParameters(parameters);
    }

    private static JobResult result(ResultSet rows) throws SQLException {
        String[] inputs = array(rows, "output_inputs", String[].class);
        String[] paths = array(rows, "output_paths", String[].class);
        Long[] rowCounts = array(rows, "output_rows", Long[].class);
        Integer[] columnCounts = array(rows, "output_columns", Integer[].class);
        Long[] byteCounts = array(rows, "output_bytes", Long[].class);
        Boolean[] cached = array(rows, "output_cached", Boolean[].class);
        List<JobOutput> outputs = new ArrayList<>(inputs.length);
        for (int i = 0; i < inputs.length; i++) {
            outputs.add(new JobOutput(inputs[i], paths[i], rowCounts[i], columnCounts[i], byteCounts[i], cached[i]));
        }
        String[] failedInputs = array(rows, "failed_inputs", String[].class);
        String[] codes = array(rows, "failed_codes", String[].class);
        String[] messages = array(rows, "failed_messages", String[].class);
        List<FailedInput> failed = new ArrayList<>(failedInputs.length);
        for (int i = 0; i < failedInputs.length; i++) {
            failed.add(new FailedInput(failedInputs[i], new JobError(codes[i], messages[i])));
        }
        return new JobResult(outputs, failed, rows.getArray("summary_names") == null ? JobParameters.NONE
                : parameters(rows, "summary_names", "summary_values"));
    }

    private static <T> T array(ResultSet rows, String column, Class<T> type) throws SQLException {
        Array array = rows.getArray(column);
        if (array == null) {
            throw new SQLException("column " + column + " is null");
        }
        return type.cast(array.getArray());
    }
}
