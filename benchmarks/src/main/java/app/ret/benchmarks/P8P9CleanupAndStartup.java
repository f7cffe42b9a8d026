package app.ret.benchmarks;

import app.ret.bootstrap.testing.JavaProcess;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * P9: time from spawning {@code java -jar ret.jar serve} to the first {@code /readyz} 200, and the
 * resident memory of the idle server, for a first start (new database, the admin's password
 * hashed once) and for restarts. P8: logout of sessions holding 1,000 uploaded files and 10,000
 * cache entries, and of sessions ten times that size, timed at the client; then how long the
 * background step takes until nothing of the session is left on disk or in the database. The
 * first {@value #PUT_THROUGH_HTTP} entries of a session are PUT through the API (so the memory tier holds
 * some), the rest are inserted into the database beside the running server, which is what a
 * long-lived session leaves there and much quicker to set up.
 * Arguments: {@code --jar --results --restarts N --sessions N} (sessions per size), {@code --jfr FILE} to
 * record a profile of the server that serves the logouts.
 */
public final class P8P9CleanupAndStartup {
    static final Duration TARGET_LOGOUT = Duration.ofMillis(50);
    static final Duration BACKGROUND_TIMEOUT = Duration.ofSeconds(120);
    static final int PUT_THROUGH_HTTP = 1_000;
    /** Unpacking 10,000 files fsyncs each of them: minutes on a loaded machine. */
    static final Duration UPLOAD_TIMEOUT = Duration.ofMinutes(10);
    static final Duration TARGET_READY = Duration.ofMillis(1500);
    static final long TARGET_RSS_BYTES = 150L * 1024 * 1024;
    static final List<Size> SIZES = List.of(new Size(1_000, 10_000), new Size(10_000, 100_000));
    private static final String ADMIN_PASSWORD = "p8-p9-benchmark-password";
    private static final long IDLE_MILLIS = 3_000;

    private P8P9CleanupAndStartup() {}

    record Start(String kind, Duration toReady, long idleResidentBytes) {}

    record Size(int files, int cacheEntries) {
        @Override
        public String toString() {
            return files + " files + " + cacheEntries + " entries";
        }
    }

    record Logout(Size size, int session, Duration elapsed, long files, long cacheEntries, boolean directoryGone, Duration background,
                  long leftOnDisk, long leftRows) {
        boolean everythingRemoved() {
            return files == size.files() && cacheEntries == size.cacheEntries() && directoryGone && leftOnDisk == 0 && leftRows == 0;
        }
    }

    public static void main(String[] args) throws Exception {
        BenchmarkArguments arguments = new BenchmarkArguments(args);
        int restarts = arguments.integer("restarts", 5);
        int sessions = arguments.integer("sessions", 3);
        Path work = Files.createTempDirectory("ret-p8-p9-");
        Path root = work.resolve("root");
        Map<String, String> environment = new HashMap<>();
        environment.put("RET_RUNTIME_ROOT", root.toString());
        environment.put("RET_ADMIN_PASSWORD", ADMIN_PASSWORD);
        environment.put("RATE_LIMIT_REQUESTS", Integer.toString(Integer.MAX_VALUE));
        environment.put("HTTP_MAX_REQUEST_SECONDS", Long.toString(UPLOAD_TIMEOUT.toSeconds()));

        List<Start> starts = new ArrayList<>();
        for (int i = 0; i <= restarts; i++) {
            environment.put("API_PORT", Integer.toString(JavaProcess.freePort()));
            try (ServerProcess server = ServerProcess.startRet(arguments.jar(), environment, List.of(), work.resolve("ret.log"))) {
                Duration toReady = server.awaitReady();
                JavaProcess.sleep(IDLE_MILLIS);
                starts.add(new Start(i == 0 ? "first start" : "restart " + i, toReady, server.residentBytes()));
            }
        }

        List<Logout> logouts = new ArrayList<>();
        long residentAfterLoad;
        environment.put("API_PORT", Integer.toString(JavaProcess.freePort()));
        List<String> logoutServerOptions = arguments.optionalPath("jfr").map(jfr -> List.of("-XX:StartFlightRecording=filename="
                + jfr.toAbsolutePath() + ",settings=profile,dumponexit=true")).orElse(List.of());
        try (ServerProcess server = ServerProcess.startRet(arguments.jar(), environment, logoutServerOptions, work.resolve("ret.log"))) {
            server.awaitReady();
            ApiClient client = new ApiClient(server::port);
            for (Size size : SIZES) {
                for (int session = 1; session <= sessions; session++) {
                    logouts.add(fillAndLogOut(client, root, size, session));
                }
            }
            residentAfterLoad = server.residentBytes();
        }
        report(starts, logouts, residentAfterLoad).printAndWrite(arguments.results());
    }

    private static Logout fillAndLogOut(ApiClient client, Path root, Size size, int session) throws Exception {
        ApiClient.Session login = client.login("admin", ADMIN_PASSWORD);
        HttpResponse<String> upload = client.send(client.request("/api/files?name=batch-" + session + ".zip", login.accessToken())
                .timeout(UPLOAD_TIMEOUT).header("Content-Type", "application/zip")
                .POST(HttpRequest.BodyPublishers.ofByteArray(zipOfSmallXmlFiles(size.files()))));
        int stored = ApiClient.json(upload).path("files").size();
        if (upload.statusCode() != 201 || stored != size.files()) {
            throw new IllegalStateException("upload answered " + upload.statusCode() + " with " + stored + " files: " + upload.body());
        }
        putStateEntries(client, login.accessToken(), PUT_THROUGH_HTTP);
        Path database = root.resolve("ret_session.db");
        insertStateEntries(database, login.sessionId(), PUT_THROUGH_HTTP, size.cacheEntries());

        long started = System.nanoTime();
        HttpResponse<String> logout = client.send(client.request("/api/auth/logout", login.accessToken())
                .POST(HttpRequest.BodyPublishers.noBody()));
        Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
        if (logout.statusCode() != 200) {
            throw new IllegalStateException("logout answered " + logout.statusCode() + ": " + logout.body());
        }
        boolean directoryGone = !Files.exists(root.resolve("sessions").resolve(login.sessionId()));
        JsonNode removed = ApiClient.json(logout).get("removed");
        long deadline = started + BACKGROUND_TIMEOUT.toNanos();
        long leftOnDisk;
        long leftRows;
        do {
            JavaProcess.sleep(10);
            leftOnDisk = pathsNaming(root, login.sessionId());
            leftRows = rowsOf(database, login.sessionId());
        } while ((leftOnDisk > 0 || leftRows > 0) && System.nanoTime() < deadline);
        Duration background = Duration.ofNanos(System.nanoTime() - started);
        return new Logout(size, session, elapsed, removed.get("files").asLong(), removed.get("cache_entries").asLong(), directoryGone,
                background, leftOnDisk, leftRows);
    }

    private static long pathsNaming(Path root, String sessionId) throws IOException {
        try (Stream<Path> all = Files.walk(root)) {
            return all.filter(path -> path.toString().contains(sessionId)).count();
        } catch (UncheckedIOException vanishedDuringTheWalk) {
            return 1;
        }
    }

    private static String prefixOf(String sessionId) {
        return "session:" + sessionId + ":";
    }

    /** Rows {@code from..to-1} of the session's state, written as the cache's durable tier writes them, in one transaction. */
    static void insertStateEntries(Path database, String sessionId, int from, int to) throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + database)) {
            try (Statement pragma = connection.createStatement()) {
                pragma.execute("PRAGMA busy_timeout = 10000");
            }
            connection.setAutoCommit(false);
            long now = System.currentTimeMillis();
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO cache_entries(key, value, size, created_at, expires_at) VALUES (?, ?, ?, ?, ?)")) {
                for (int i = from; i < to; i++) {
                    byte[] value = ("{\"entry\":" + i + ",\"note\":\"benchmark state\"}").getBytes(StandardCharsets.UTF_8);
                    insert.setString(1, prefixOf(sessionId) + String.format(Locale.ROOT, "state:k%06d", i));
                    insert.setBytes(2, value);
                    insert.setInt(3, value.length);
                    insert.setLong(4, now);
                    insert.setLong(5, now + 3_600_000);
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            connection.commit();
        }
    }

    private static long rowsOf(Path database, String sessionId) throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + database);
             PreparedStatement count = connection.prepareStatement("SELECT count(*) FROM cache_entries WHERE key >= ? AND key < ?")) {
            count.setString(1, prefixOf(sessionId));
            count.setString(2, "session:" + sessionId + ";");
            try (ResultSet rows = count.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    static byte[] zipOfSmallXmlFiles(int count) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (int i = 0; i < count; i++) {
                zip.putNextEntry(new ZipEntry(String.format(Locale.ROOT, "records/file-%04d.xml", i)));
                zip.write(("<?xml version=\"1.0\"?><records><record id=\"" + i + "\"><title>Item " + i
                        + "</title><value>" + (i * 7) + "</value></record></records>").getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** {@code count} durable state PUTs from 8 client threads. */
    static void putStateEntries(ApiClient client, String token, int count) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        AtomicInteger next = new AtomicInteger();
        try {
            List<Future<Void>> workers = new ArrayList<>();
            for (int worker = 0; worker < 8; worker++) {
                workers.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                        HttpResponse<String> put = client.send(client.request(String.format(Locale.ROOT, "/api/session/state/k%05d", i), token)
                                .header("Content-Type", "application/json")
                                .PUT(HttpRequest.BodyPublishers.ofString("{\"entry\":" + i + ",\"note\":\"benchmark state\"}")));
                        if (put.statusCode() != 204) {
                            throw new IllegalStateException("state PUT answered " + put.statusCode() + ": " + put.body());
                        }
                    }
                    return null;
                }));
            }
            for (Future<Void> worker : workers) {
                worker.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static Report report(List<Start> starts, List<Logout> logouts, long residentAfterLoad) {
        Report report = new Report("P8-P9", "Logout of sessions of " + SIZES.get(0) + " and of " + SIZES.get(1)
                + "; start-up to /readyz 200 and idle RSS of java -jar ret.jar serve (default JVM options)");
        report.columns("measure", "run", "time ms", "background step ms", "idle RSS MB", "removed files", "removed cache entries",
                "gone at the answer", "left after the background step");
        for (Start start : starts) {
            report.row("start-up (P9)", start.kind(), millis(start.toReady()), "", megabytes(start.idleResidentBytes()), "", "", "", "");
        }
        for (Logout logout : logouts) {
            report.row("logout (P8)", logout.size() + ", session " + logout.session(), millis(logout.elapsed()),
                    millis(logout.background()), "", logout.files(), logout.cacheEntries(), logout.directoryGone(),
                    logout.leftOnDisk() + " paths, " + logout.leftRows() + " rows");
        }
        report.row("RSS after the P8 load", "", "", "", megabytes(residentAfterLoad), "", "", "", "");

        boolean everythingRemoved = logouts.stream().allMatch(Logout::everythingRemoved);
        List<Start> restarts = starts.subList(1, starts.size());
        Duration slowestRestart = restarts.stream().map(Start::toReady).max(Comparator.naturalOrder()).orElseThrow();
        Duration medianRestart = restarts.stream().map(Start::toReady).sorted().toList().get(restarts.size() / 2);
        long largestRss = starts.stream().mapToLong(Start::idleResidentBytes).max().orElseThrow();
        Map<Size, Duration> medianLogout = new LinkedHashMap<>();
        for (Size size : SIZES) {
            List<Duration> times = logouts.stream().filter(logout -> logout.size().equals(size)).map(Logout::elapsed).sorted().toList();
            Duration median = times.get(times.size() / 2);
            medianLogout.put(size, median);
            report.target("P8 median logout, " + size, millis(median) + " ms", "<= " + TARGET_LOGOUT.toMillis() + " ms",
                    median.compareTo(TARGET_LOGOUT) <= 0);
            report.details().put("median_logout_ms " + size, median.toMillis());
        }
        double growth = (double) medianLogout.get(SIZES.get(1)).toNanos() / medianLogout.get(SIZES.get(0)).toNanos();
        report.target("P8 logout of the larger session / the smaller (flat)", Report.cell(growth) + "x", "report", true);
        report.target("P8 every file, entry and directory removed after the background step", Boolean.toString(everythingRemoved),
                "true", everythingRemoved);
        report.target("P9 restart to /readyz 200, median of " + restarts.size(), millis(medianRestart) + " ms",
                "<= " + TARGET_READY.toMillis() + " ms", medianRestart.compareTo(TARGET_READY) <= 0);
        report.target("P9 slowest restart to /readyz 200", millis(slowestRestart) + " ms", "<= " + TARGET_READY.toMillis() + " ms",
                slowestRestart.compareTo(TARGET_READY) <= 0);
        report.target("P9 first start (creates the database, hashes the admin password)", millis(starts.get(0).toReady()) + " ms",
                "<= " + TARGET_READY.toMillis() + " ms", starts.get(0).toReady().compareTo(TARGET_READY) <= 0);
        report.target("P9 largest idle RSS", megabytes(largestRss) + " MB", "<= " + TARGET_RSS_BYTES / 1024 / 1024 + " MB",
                largestRss <= TARGET_RSS_BYTES);
        report.details().put("logout_growth_ratio", growth).put("median_restart_ms", medianRestart.toMillis())
                .put("slowest_restart_ms", slowestRestart.toMillis()).put("first_start_ms", starts.get(0).toReady().toMillis())
                .put("largest_idle_rss_bytes", largestRss).put("idle_seconds_before_rss", IDLE_MILLIS / 1000);
        return report;
    }

    private static long millis(Duration duration) {
        return duration.toMillis();
    }

    private static String megabytes(long bytes) {
        return String.format(Locale.ROOT, "%.1f", bytes / 1024.0 / 1024.0);
    }
}
