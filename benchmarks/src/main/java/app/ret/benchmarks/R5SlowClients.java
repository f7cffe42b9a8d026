package app.ret.benchmarks;

import app.ret.bootstrap.testing.JavaProcess;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * R5: slow clients during load. wrk drives authenticated {@code GET /api/auth/me} alone, then again while
 * slowloris connections (headers trickled one line a second, never finished) and slow-body
 * connections (headers complete, a declared body trickled one byte a second) keep attacking;
 * each attacker reconnects as soon as it is cut. Measures the p99 of the normal traffic in both
 * phases and how long the server let each slow connection live.
 * Arguments: {@code --jar --results --duration S --slowloris N --slow-body N --max-request-seconds S}.
 */
public final class R5SlowClients {
    static final double TARGET_P99_FACTOR = 2.0;
    /** The JDK server checks its request timer every second or so: a cut within a few seconds of the limit is on time. */
    static final double CUT_SLACK_SECONDS = 3.0;
    private static final String ADMIN_PASSWORD = "r5-benchmark-password";
    private static final String NORMAL_PATH = "/api/auth/me";

    private R5SlowClients() {}

    enum Kind { SLOWLORIS, SLOW_BODY }

    record Cut(Kind kind, double secondsAlive, boolean cutByServer) {}

    public static void main(String[] args) throws Exception {
        BenchmarkArguments arguments = new BenchmarkArguments(args);
        Duration duration = Duration.ofSeconds(arguments.integer("duration", 20));
        int slowloris = arguments.integer("slowloris", 100);
        int slowBody = arguments.integer("slow-body", 50);
        int maxRequestSeconds = arguments.integer("max-request-seconds", 5);
        int connections = arguments.integer("connections", 20);
        Path work = Files.createTempDirectory("ret-r5-");
        Map<String, String> environment = new HashMap<>();
        environment.put("API_PORT", Integer.toString(JavaProcess.freePort()));
        environment.put("RET_RUNTIME_ROOT", work.resolve("root").toString());
        environment.put("RET_ADMIN_PASSWORD", ADMIN_PASSWORD);
        environment.put("RATE_LIMIT_REQUESTS", Integer.toString(Integer.MAX_VALUE));
        environment.put("HTTP_MAX_REQUEST_SECONDS", Integer.toString(maxRequestSeconds));

        try (ServerProcess ret = ServerProcess.startRet(arguments.jar(), environment, List.of(), work.resolve("ret.log"))) {
            ret.awaitReady();
            ApiClient client = new ApiClient(ret::port);
            String token = client.login("admin", ADMIN_PASSWORD).accessToken();
            Map<String, String> auth = Map.of("Authorization", "Bearer " + token);
            Wrk.run(ret.uri(NORMAL_PATH), 2, connections, Duration.ofSeconds(5), auth);
            Wrk.Result quiet = Wrk.run(ret.uri(NORMAL_PATH), 2, connections, duration, auth);

            List<Cut> cuts = Collections.synchronizedList(new ArrayList<>());
            AtomicBoolean attacking = new AtomicBoolean(true);
            ExecutorService attackers = Executors.newFixedThreadPool(slowloris + slowBody);
            for (int i = 0; i < slowloris + slowBody; i++) {
                Kind kind = i < slowloris ? Kind.SLOWLORIS : Kind.SLOW_BODY;
                attackers.submit(() -> attack(ret.port(), kind, attacking, cuts));
            }
            JavaProcess.sleep(1000);
            Wrk.Result underAttack = Wrk.run(ret.uri(NORMAL_PATH), 2, connections, duration, auth);
            attacking.set(false);
            attackers.shutdown();
            if (!attackers.awaitTermination(maxRequestSeconds + 30L, TimeUnit.SECONDS)) {
                attackers.shutdownNow();
            }
            report(quiet, underAttack, new ArrayList<>(cuts), slowloris, slowBody, maxRequestSeconds, duration, connections)
                    .printAndWrite(arguments.results());
        }
    }

    /** Keeps one slow connection open at a time, reconnecting after each cut, until the attack ends. */
    private static void attack(int port, Kind kind, AtomicBoolean attacking, List<Cut> cuts) {
        while (attacking.get()) {
            long opened = System.nanoTime();
            boolean cutByServer = trickle(port, kind, attacking);
            if (cutByServer) {
                cuts.add(new Cut(kind, (System.nanoTime() - opened) / 1e9, true));
            } else if (attacking.get()) {
                cuts.add(new Cut(kind, (System.nanoTime() - opened) / 1e9, false));
                return;
            }
        }
    }

    /** True when the server closed the connection; false when the attack ended first (or it never connected). */
    private static boolean trickle(int port, Kind kind, AtomicBoolean attacking) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(1000);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            String head = kind == Kind.SLOWLORIS
                    ? "GET " + NORMAL_PATH + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    : "POST /api/auth/login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{";
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            for (int second = 0; attacking.get() && second < 600; second++) {
                try {
                    // End of stream, or any response at all (a 408, 413, ...): the server ended it.
                    in.read();
                    return true;
                } catch (SocketTimeoutException stillOpen) {
                    out.write((kind == Kind.SLOWLORIS ? "X-Slow-" + second + ": 1\r\n" : " ").getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                }
            }
            return false;
        } catch (IOException closedOrReset) {
            return true;
        }
    }

    private static Report report(Wrk.Result quiet, Wrk.Result underAttack, List<Cut> cuts, int slowloris, int slowBody,
                                 int maxRequestSeconds, Duration duration, int connections) {
        Report report = new Report("R5", "Slow clients during load: wrk -t2 -c" + connections + " -d" + duration.toSeconds()
                + "s on authenticated GET " + NORMAL_PATH + ", alone and beside " + slowloris + " slowloris and " + slowBody
                + " slow-body connections (HTTP_MAX_REQUEST_SECONDS=" + maxRequestSeconds + ", 16 handler threads)");
        report.columns("phase", "requests/s", "p50 ms", "p90 ms", "p99 ms", "non-2xx", "socket errors");
        report.row("normal traffic alone", quiet.requestsPerSecond(), quiet.p50Millis(), quiet.p90Millis(), quiet.p99Millis(),
                quiet.non2xx(), quiet.socketErrors());
        report.row("with slow clients", underAttack.requestsPerSecond(), underAttack.p50Millis(), underAttack.p90Millis(),
                underAttack.p99Millis(), underAttack.non2xx(), underAttack.socketErrors());
        double limit = maxRequestSeconds + CUT_SLACK_SECONDS;
        for (Kind kind : Kind.values()) {
            List<Double> alive = cuts.stream().filter(cut -> cut.kind() == kind && cut.cutByServer()).map(Cut::secondsAlive).sorted().toList();
            long uncut = cuts.stream().filter(cut -> cut.kind() == kind && !cut.cutByServer()).count();
            double median = alive.isEmpty() ? Double.NaN : alive.get(alive.size() / 2);
            double longest = alive.isEmpty() ? Double.NaN : alive.get(alive.size() - 1);
            report.details().put(kind.name().toLowerCase() + "_cut", alive.size()).put(kind.name().toLowerCase() + "_never_cut", uncut)
                    .put(kind.name().toLowerCase() + "_median_seconds_alive", median)
                    .put(kind.name().toLowerCase() + "_longest_seconds_alive", longest);
            String name = kind == Kind.SLOWLORIS ? "slowloris" : "slow-body";
            report.target(name + " connections cut by the server (never cut)", alive.size() + " (" + uncut + ")", "all, 0 never cut",
                    !alive.isEmpty() && uncut == 0);
            report.target(name + " longest time alive (median)", Report.cell(longest) + " s (" + Report.cell(median) + " s)",
                    "<= " + maxRequestSeconds + " s + " + (int) CUT_SLACK_SECONDS + " s timer slack", longest <= limit);
        }
        double factor = underAttack.p99Millis() / quiet.p99Millis();
        report.target("p99 with slow clients / p99 alone", Report.cell(factor) + "x (" + Report.cell(underAttack.p99Millis()) + " ms vs "
                + Report.cell(quiet.p99Millis()) + " ms)", "<= " + TARGET_P99_FACTOR + "x", factor <= TARGET_P99_FACTOR);
        long failures = underAttack.non2xx() + underAttack.socketErrors();
        report.target("normal requests failed during the attack", Long.toString(failures), "0", failures == 0);
        report.details().put("p99_factor", factor).put("p99_alone_ms", quiet.p99Millis()).put("p99_attacked_ms", underAttack.p99Millis());
        return report;
    }
}
