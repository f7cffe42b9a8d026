package app.ret.application.jobs;

import app.ret.domain.job.JobError;
import app.ret.domain.job.JobParameters;
import app.ret.domain.job.JobResult;
import app.ret.domain.job.JobType;
import app.ret.ports.in.JobsUseCase.TestJobRequest;
import java.time.Duration;
import java.util.Optional;

/**
 * The built-in {@code test} job: counts through its units, waiting a while on each, so the queue
 * (progress, cancellation, retries, crash recovery) can be exercised without real work.
 */
public final class TestJobHandler implements JobHandler {
    static final JobType TYPE = new JobType("test");
    private static final String UNIT_MILLIS = "unit_millis";
    private static final String TRANSIENT_FAILURES = "transient_failures";

    static Optional<String> problemWith(TestJobRequest request) {
        if (request.units() < 0 || request.units() > TestJobRequest.MAX_UNITS) {
            return Optional.of("units must be 0-" + TestJobRequest.MAX_UNITS);
        }
        if (request.unitDuration() == null || request.unitDuration().isNegative()
                || request.unitDuration().compareTo(TestJobRequest.MAX_UNIT_DURATION) > 0) {
            return Optional.of("unit duration must be 0-" + TestJobRequest.MAX_UNIT_DURATION.toMillis() + " ms");
        }
        if (request.transientFailures() < 0) {
            return Optional.of("transient failures cannot be negative");
        }
        return Optional.empty();
    }

    static JobParameters parameters(TestJobRequest request) {
        return JobParameters.NONE.withUnits(request.units())
                .with(UNIT_MILLIS, Long.toString(request.unitDuration().toMillis()))
                .with(TRANSIENT_FAILURES, Integer.toString(request.transientFailures()));
    }

    @Override
    public JobType type() {
        return TYPE;
    }

    @Override
    public JobOutcome run(JobContext context) {
        JobParameters parameters = context.parameters();
        long units = parameters.units();
        Duration unit = Duration.ofMillis(Long.parseLong(parameters.single(UNIT_MILLIS).orElse("0")));
        int transientFailures = Integer.parseInt(parameters.single(TRANSIENT_FAILURES).orElse("0"));
        if (context.attempt() <= transientFailures) {
            return new JobOutcome.Transient(new JobError("test_transient", "planned transient failure on attempt " + context.attempt()));
        }
        context.progress(0, units);
        for (int done = 0; done < units; done++) {
            if (context.stopRequested() || (!unit.isZero() && context.awaitStop(unit))) {
                return new JobOutcome.Stopped();
            }
            context.progress(done + 1, units);
        }
        return new JobOutcome.Completed(JobResult.EMPTY);
    }
}
