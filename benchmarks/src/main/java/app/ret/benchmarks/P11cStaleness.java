package app.ret.benchmarks;

import app.ret.adapters.postgres.testing.PostgresServer;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * P11c: the staleness window of a state write across instances. Three instances of the jar on one
 * PostgreSQL; each trial writes through one instance (PUT, 204) and then reads through the next,
 * which held the old value in its memory tier, until it answers the new one: the time from the
 * writer's 204 to the reader's first new value. Beside it, in the same run, the two parts that window
 * cannot go below: one cached GET on an instance (the reader's round trip), and a bare
 * {@code NOTIFY} from one pgjdbc connection to another listening on the same server (the notice's
 * delivery, nothing of RET). Arguments: {@code --jar --results --trials N}.
 */
public final class P11cStaleness {
    static final double TARGET_P99_MILLIS = 20;
    private static final String PATH = "/api/session/state/counter";

    private P11cStaleness() {}

    record Percentiles(double p50, double p99, double max) {
        static Percentiles of(long[] nanos) {
            long[] sorted = nanos.clone();
            Arrays.sort(sorted);
            return new Percentiles(sorted[sorted.length / 2] / 1e6, sorted[sorted.length * 99 / 100] / 1e6, sorted[sorted.length - 1] / 1e6);
        }
    }

    public static void main(String[] args) throws Exception {
        BenchmarkArguments arguments = new BenchmarkArguments(args);
        int trials = arguments.integer("trials", 1000);
        Report report = new Report("P11c", "staleness window: writer's 204 -> the next instance's first new value, " + trials
                + " trials over 3 instances on one PostgreSQL (fsync on), beside a cached GET and a bare pgjdbc NOTIFY -> LISTEN");
        report.columns("measure", "p50 ms", "p99 ms", "max ms");
        Path work = Files.createTempDirectory("ret-p11c-");
        PostgresServer postgres = PostgresServer.startDurable();
        try (RetInstances instances = RetInstances.start(arguments.jar(), postgres, 3, work, Map.of())) {
            String token = instances.login().accessToken();
            List<ApiClient> clients = instances.servers().stream().map(each -> new ApiClient(each::port)).toList();
            put(clients.get(0), token, -1);
            long[] stale = new long[trials];
            long[] cachedGet = new long[trials];
            long staleReads = 0;
            for (int trial = 0; trial < trials; trial++) {
                ApiClient writer = clients.get(trial % 3);
                ApiClient reader = clients.get((trial + 1) % 3);
                long before = System.nanoTime();
                int held = Integer.parseInt(get(reader, token));
                cachedGet[trial] = System.nanoTime() - before;
                if (held >= trial) {
                    throw new IllegalStateException("the reader already holds " + held + " before trial " + trial);
                }
                put(writer, token, trial);
                long acknowledged = System.nanoTime();
                while (Integer.parseInt(get(reader, token)) != trial) {
                    staleReads++;
                    if (System.nanoTime() - acknowledged > Duration.ofSeconds(10).toNanos()) {
                        throw new IllegalStateException("trial " + trial + ": the reader still serves the old value after 10 s");
                    }
                }
                stale[trial] = System.nanoTime() - acknowledged;
            }
            long[] notify = bareNotices(instances, trials);
            row(report, "staleness window (writer's 204 -> reader's first new value)", Percentiles.of(stale));
            row(report, "one GET of a held value (the reader's round trip)", Percentiles.of(cachedGet));
            row(report, "bare NOTIFY -> LISTEN between two pgjdbc connections", Percentiles.of(notify));
            Percentiles window = Percentiles.of(stale);
            report.details().put("trials", trials).put("stale_reads", staleReads);
            report.target("staleness p99", String.format("%.2f ms", window.p99()), "<= " + TARGET_P99_MILLIS + " ms",
                    window.p99() <= TARGET_P99_MILLIS);
        }
        report.printAndWrite(arguments.results());
        System.exit(0);
    }

    private static void row(Report report, String measure, Percentiles percentiles) {
        report.row(measure, percentiles.p50(), percentiles.p99(), percentiles.max());
    }

    private static void put(ApiClient client, String token, int value) throws IOException {
        HttpResponse<String> put = client.send(client.request(PATH, token).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(Integer.toString(value))));
        if (put.statusCode() != 204) {
            throw new IllegalStateException("state PUT answered " + put.statusCode() + ": " + put.body());
        }
    }

    private static String get(ApiClient client, String token) throws IOException {
        HttpResponse<String> got = client.send(client.request(PATH, token).GET());
        if (got.statusCode() != 200) {
            throw new IllegalStateException("state GET answered " + got.statusCode() + ": " + got.body());
        }
        return got.body();
    }

    /** From the return of one connection's {@code SELECT pg_notify} (autocommit) to another's receipt, {@code trials} times. */
    private static long[] bareNotices(RetInstances instances, int trials) throws SQLException {
        long[] delays = new long[trials];
        try (Connection listening = instances.database().connect(); Connection notifying = instances.database().connect();
             Statement listen = listening.createStatement(); Statement notify = notifying.createStatement()) {
            listen.execute("LISTEN p11c_bare");
            PGConnection notices = listening.unwrap(PGConnection.class);
            for (int trial = 0; trial < trials; trial++) {
                notify.execute("SELECT pg_notify('p11c_bare', '" + trial + "')");
                long sent = System.nanoTime();
                PGNotification[] received;
                do {
                    received = notices.getNotifications(10_000);
                } while (received == null || received.length == 0);
                delays[trial] = System.nanoTime() - sent;
            }
        }
        return delays;
    }
}
