package app.ret.benchmarks;

import app.ret.adapters.postgres.testing.PostgresServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * P11b: jobs per second through 1, 2 and 3 instances of the jar on one PostgreSQL (fsync on). Client
 * threads submit no-op test jobs over HTTP, round-robin over the instances, fast enough that the
 * queue never runs dry; the figure is the rate at which jobs reach {@code SUCCEEDED} in the database
 * over the measured window (after a warm-up), each instance running {@code JOB_WORKERS} workers.
 * Rounds alternate the counts, instances started afresh each time; medians of the rounds.
 * Arguments: {@code --jar --results --duration SECONDS --rounds N --submitters N --workers N}.
 */
public final class P11bJobs {
    private static final String JOB = "{\"type\":\"test\",\"units\":0,\"unit_millis\":0}";

    private P11bJobs() {}

    record Run(double jobsPerSecond, double submittedPerSecond, long queuedAtEnd) {}

    public static void main(String[] args) throws Exception {
        BenchmarkArguments arguments = new BenchmarkArguments(args);
        Duration duration = Duration.ofSeconds(arguments.integer("duration", 10));
        int rounds = arguments.integer("rounds", 3);
        int submitters = arguments.integer("submitters", 12);
        int workers = arguments.integer("workers", 2);
        Report report = new Report("P11b", "jobs/s (submit a no-op test job over HTTP -> a worker of any instance runs it -> SUCCEEDED)"
                + " through 1, 2, 3 instances on one PostgreSQL (fsync on); JOB_WORKERS=" + workers + " per instance, " + submitters
                + " submitting threads round-robin over the instances, " + duration.toSeconds() + " s measured after 3 s and the first job done, " + rounds + " rounds");
        report.columns("round", "instances", "jobs/s", "submitted/s", "queued at end");
        Path work = Files.createTempDirectory("ret-p11b-");
        PostgresServer postgres = PostgresServer.startDurable();
        Map<Integer, List<Run>> runs = new LinkedHashMap<>();
        List<Double> loads = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            for (int count = 1; count <= 3; count++) {
                loads.add(ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
                try (RetInstances instances = RetInstances.start(arguments.jar(), postgres, count, work.resolve("r" + round + "-n" + count),
                        Map.of("JOB_TEST_TYPE_ENABLED", "true", "JOB_WORKERS", Integer.toString(workers)))) {
                    Run run = measure(instances, submitters, duration);
                    runs.computeIfAbsent(count, key -> new ArrayList<>()).add(run);
                    report.row(round, count, run.jobsPerSecond(), run.submittedPerSecond(), run.queuedAtEnd());
                }
            }
        }
        double single = P11ScaleOut.median(runs.get(1), Run::jobsPerSecond);
        for (Map.Entry<Integer, List<Run>> count : runs.entrySet()) {
            double rate = P11ScaleOut.median(count.getValue(), Run::jobsPerSecond);
            report.row("median", count.getKey(), rate, P11ScaleOut.median(count.getValue(), Run::submittedPerSecond),
                    P11ScaleOut.median(count.getValue(), Run::queuedAtEnd));
            report.details().put("jobs_per_second_" + count.getKey() + "_instances", rate)
                    .put("jobs_" + count.getKey() + "_instances_vs_1", rate / single);
        }
        report.details().put("load_average_per_count_run", loads.toString());
        report.printAndWrite(arguments.results());
        System.exit(0);
    }

    private static Run measure(RetInstances instances, int submitters, Duration duration) throws Exception {
        String token = instances.login().accessToken();
        AtomicBoolean submitting = new AtomicBoolean(true);
        AtomicLong submitted = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < submitters; i++) {
            int first = i;
            Thread thread = new Thread(() -> submit(instances, token, first, submitting, submitted), "p11b-submitter-" + i);
            thread.start();
            threads.add(thread);
        }
        try (Connection database = instances.database().connect()) {
            Thread.sleep(3000);
            long warming = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (count(database, "SUCCEEDED") == 0 && System.nanoTime() < warming) {
                Thread.sleep(100);
            }
            long succeededBefore = count(database, "SUCCEEDED");
            long submittedBefore = submitted.get();
            long started = System.nanoTime();
            Thread.sleep(duration.toMillis());
            long succeededAfter = count(database, "SUCCEEDED");
            double seconds = (System.nanoTime() - started) / 1e9;
            long submittedAfter = submitted.get();
            long queued = count(database, "QUEUED");
            return new Run((succeededAfter - succeededBefore) / seconds, (submittedAfter - submittedBefore) / seconds, queued);
        } finally {
            submitting.set(false);
            for (Thread thread : threads) {
                thread.join(30_000);
            }
        }
    }

    /** Submits jobs to the instances in turn, starting at {@code first}, while {@code submitting}; a refused submission stops the run. */
    private static void submit(RetInstances instances, String token, int first, AtomicBoolean submitting, AtomicLong submitted) {
        List<ApiClient> clients = instances.servers().stream().map(server -> new ApiClient(server::port)).toList();
        for (int turn = first; submitting.get(); turn++) {
            ApiClient client = clients.get(turn % clients.size());
            try {
                HttpResponse<String> accepted = client.send(client.request("/api/jobs", token).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(JOB)));
                if (accepted.statusCode() != 202) {
                    throw new IllegalStateException("job submission answered " + accepted.statusCode() + ": " + accepted.body());
                }
                submitted.incrementAndGet();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static long count(Connection database, String status) throws SQLException {
        try (Statement statement = database.createStatement();
             ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM jobs WHERE status = '" + status + "'")) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
