package app.ret.ports.testing;

import app.ret.domain.job.JobId;
import app.ret.domain.job.JobParameters;
import app.ret.domain.job.JobSpec;
import app.ret.domain.job.JobType;
import app.ret.domain.job.QueuedJob;
import app.ret.domain.session.SessionId;
import java.time.Instant;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicLong;

/** Valid jobs for contract suites and application tests. */
public final class SampleJobs {
    public static final JobType TYPE = new JobType("sample");
    public static final int MAX_ATTEMPTS = 3;
    private static final AtomicLong SEQUENCE = new AtomicLong();

    private SampleJobs() {}

    public static JobId newJobId() {
        byte[] bytes = new byte[JobId.RANDOM_BYTES];
        long next = SEQUENCE.incrementAndGet();
        long salt = System.nanoTime();
        for (int i = 0; i < 8; i++) {
            bytes[i] = (byte) (next >>> (8 * i));
            bytes[8 + i] = (byte) (salt >>> (8 * i));
        }
        return new JobId(HexFormat.of().formatHex(bytes));
    }

    public static QueuedJob queued(SessionId owner, Instant createdAt) {
        return queued(owner, createdAt, JobParameters.of("units", "1"));
    }

    public static QueuedJob queued(SessionId owner, Instant createdAt, JobParameters parameters) {
        return QueuedJob.submit(new JobSpec(newJobId(), owner, TYPE, parameters, createdAt, MAX_ATTEMPTS));
    }
}
