package app.ret.benchmarks;

import app.ret.bootstrap.testing.JavaProcess;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * R1: mixed writes — state PUTs, XML uploads, conversion jobs — at a steady rate against the real
 * jar, {@code kill -9} at a random moment, restart, five cycles. Then every acknowledged write is
 * checked (state values equal, uploads byte-identical by sha256, jobs present and finished), the
 * database gets {@code PRAGMA integrity_check}, and the session folders are searched for files
 * that are not whole stored files (a partial write under a final name, or a spool left behind).
 * Arguments: {@code --jar --results --cycles N --rate OPS_PER_SECOND --seed N}.
 */
public final class R1CrashDurability {
    private static final String ADMIN_PASSWORD = "r1-benchmark-password";
    private static final Set<String> FINISHED = Set.of("succeeded", "failed", "cancelled");
    private static final int WRITERS = 3;

    private R1CrashDurability() {}

    enum Kind { STATE, UPLOAD, JOB }

    /**
     * One write the server was asked to do: recorded unacknowledged as it is sent, and again
     * acknowledged once its 2xx arrived ({@code key} is null for a job whose id never came back).
     */
    record Write(Kind kind, int cycle, String key, String content, String sha256, boolean acked) {}

    record Cycle(int number, double killedAfterSeconds, Map<Kind, Integer> acked, int inFlight) {}

    public static void main(String[] args) throws Exception {
        BenchmarkArguments arguments = new BenchmarkArguments(args);
        int cycles = arguments.integer("cycles", 5);
        int rate = arguments.integer("rate", 30);
        long seed = arguments.integer("seed", (int) (System.nanoTime() & 0x7fffffff));
        Random random = new Random(seed);
        Path work = Files.createTempDirectory("ret-r1-");
        Path root = work.resolve("root");
        Map<String, String> environment = new HashMap<>();
        environment.put("RET_RUNTIME_ROOT", root.toString());
        environment.put("RET_ADMIN_PASSWORD", ADMIN_PASSWORD);
        environment.put("RATE_LIMIT_REQUESTS", Integer.toString(Integer.MAX_VALUE));
        environment.put("ACCESS_TOKEN_EXPIRE_MINUTES", "120");
        // The driver unpacks its native library per process; killed processes leave theirs here, not in /tmp.
        Path nativeTmp = Files.createDirectories(work.resolve("sqlite-native"));
        List<String> jvm = List.of("-Dorg.sqlite.tmpdir=" + nativeTmp);

        Queue<Write> writes = new ConcurrentLinkedQueue<>();
        List<Cycle> history = new ArrayList<>();
        AtomicInteger port = new AtomicInteger();
        ApiClient client = new ApiClient(port::get);
        String token = null;
        for (int cycle = 1; cycle <= cycles; cycle++) {
            port.set(JavaProcess.freePort());
            environment.put("API_PORT", Integer.toString(port.get()));
            ServerProcess server = ServerProcess.startRet(arguments.jar(), environment, jvm, work.resolve("ret.log"));
            server.awaitReady();
            if (token == null) {
                token = client.login("admin", ADMIN_PASSWORD).accessToken();
            }
            double killAfter = 2.0 + random.nextDouble() * 5.0;
            int before = writes.size();
            AtomicBoolean running = new AtomicBoolean(true);
            ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
            AtomicLong sequence = new AtomicLong();
            for (int writer = 0; writer < WRITERS; writer++) {
                int number = cycle;
                String bearer = token;
                long writerSeed = random.nextLong();
                writers.submit(() -> write(client, bearer, number, rate / WRITERS, running, sequence, writes, new Random(writerSeed)));
            }
            JavaProcess.sleep((long) (killAfter * 1000));
            server.kill9();
            running.set(false);
            writers.shutdown();
            writers.awaitTermination(60, TimeUnit.SECONDS);
            history.add(summarise(cycle, killAfter, writes, before));
        }

        port.set(JavaProcess.freePort());
        environment.put("API_PORT", Integer.toString(port.get()));
        Verification verification;
        try (ServerProcess server = ServerProcess.startRet(arguments.jar(), environment, jvm, work.resolve("ret.log"))) {
            server.awaitReady();
            awaitJobsSettled(client, token, Duration.ofSeconds(60));
            verification = verify(client, token, new ArrayList<>(writes), root);
        }
        String integrity = integrityCheck(root.resolve("ret_session.db"));
        report(history, verification, integrity, cycles, rate, seed).printAndWrite(arguments.results());
    }

    private static void write(ApiClient client, String token, int cycle, int opsPerSecond, AtomicBoolean running,
                              AtomicLong sequence, Queue<Write> writes, Random random) {
        long pauseNanos = 1_000_000_000L / Math.max(1, opsPerSecond);
        String lastUpload = null;
        while (running.get()) {
            long started = System.nanoTime();
            long n = sequence.incrementAndGet();
            Kind kind = Kind.values()[(int) (n % 3)];
            try {
                if (kind == Kind.STATE) {
                    String key = "r1-" + cycle + "-" + n;
                    String value = "{\"cycle\":" + cycle + ",\"n\":" + n + ",\"pad\":\"" + "x".repeat(random.nextInt(2000)) + "\"}";
                    writes.add(new Write(kind, cycle, key, value, null, false));
                    HttpResponse<String> put = client.send(client.request("/api/session/state/" + key, token)
                            .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(value)));
                    if (put.statusCode() == 204) {
                        writes.add(new Write(kind, cycle, key, value, null, true));
                    }
                } else if (kind == Kind.UPLOAD || lastUpload == null) {
                    String name = "r1-" + cycle + "-" + n + ".xml";
                    byte[] xml = xml(random, n);
                    String sha256 = sha256(xml);
                    writes.add(new Write(Kind.UPLOAD, cycle, name, null, sha256, false));
                    HttpResponse<String> post = client.send(client.request("/api/files?name=" + name, token)
                            .header("Content-Type", "application/xml").POST(HttpRequest.BodyPublishers.ofByteArray(xml)));
                    if (post.statusCode() == 201) {
                        writes.add(new Write(Kind.UPLOAD, cycle, name, null, sha256, true));
                        lastUpload = name;
                    }
                } else {
                    // Its id comes with the answer: a submission in flight at the kill cannot be looked up.
                    writes.add(new Write(kind, cycle, null, null, null, false));
                    HttpResponse<String> submitted = client.send(client.request("/api/conversions", token)
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString("{\"paths\":[\"input/" + lastUpload + "\"],\"format\":\"csv\"}")));
                    if (submitted.statusCode() == 202) {
                        writes.add(new Write(kind, cycle, ApiClient.json(submitted).get("job_id").asText(), null, null, true));
                    }
                }
            } catch (IOException | RuntimeException killed) {
                // The server died under this request: not acknowledged, so it may or may not be there.
            }
            long rest = pauseNanos - (System.nanoTime() - started);
            if (rest > 0) {
                JavaProcess.sleep(rest / 1_000_000);
            }
        }
    }

    private static byte[] xml(Random random, long n) {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<records>\n");
        int records = 20 + random.nextInt(2000);
        for (int i = 0; i < records; i++) {
            xml.append("  <record id=\"").append(n).append('-').append(i).append("\"><title>")
                    .append(Long.toHexString(random.nextLong())).append("</title><amount>").append(random.nextInt(100000))
                    .append("</amount></record>\n");
        }
        return xml.append("</records>\n").toString().getBytes(StandardCharsets.UTF_8);
    }

    private static Cycle summarise(int cycle, double killAfter, Queue<Write> writes, int before) {
        List<Write> these = writes.stream().skip(before).toList();
        Map<Kind, Integer> acked = new HashMap<>();
        for (Kind kind : Kind.values()) {
            acked.put(kind, (int) these.stream().filter(write -> write.kind() == kind && write.acked()).count());
        }
        long attempts = these.stream().filter(write -> !write.acked()).count();
        long acks = these.stream().filter(Write::acked).count();
        return new Cycle(cycle, killAfter, acked, (int) (attempts - acks));
    }

    private static void awaitJobsSettled(ApiClient client, String token, Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode jobs = ApiClient.json(client.send(client.request("/api/jobs", token).GET())).path("jobs");
            boolean settled = true;
            for (JsonNode job : jobs) {
                settled &= FINISHED.contains(job.path("status").asText());
            }
            if (settled) {
                return;
            }
            JavaProcess.sleep(200);
        }
    }

    record Verification(Map<Kind, Integer> acked, Map<Kind, Integer> lost, int corruptUploads, int unfinishedJobs,
                        int recovered, int inFlightAbsent, int partialFiles, List<String> problems) {}

    private static Verification verify(ApiClient client, String token, List<Write> writes, Path root) throws Exception {
        Map<Kind, Integer> acked = new HashMap<>();
        Map<Kind, Integer> lost = new HashMap<>();
        List<String> problems = new ArrayList<>();
        int corrupt = 0;
        int unfinished = 0;
        int recovered = 0;
        int absent = 0;
        Set<String> ackedKeys = ConcurrentHashMap.newKeySet();
        writes.stream().filter(Write::acked).forEach(write -> ackedKeys.add(write.kind() + " " + write.key()));
        Map<String, String> attemptedUploads = new HashMap<>();
        for (Write write : writes) {
            if (write.kind() == Kind.UPLOAD) {
                attemptedUploads.put(write.key(), write.sha256());
            }
        }
        for (Write write : writes) {
            if (!write.acked() && (write.key() == null || ackedKeys.contains(write.kind() + " " + write.key()))) {
                continue;
            }
            boolean present;
            switch (write.kind()) {
                case STATE -> {
                    HttpResponse<String> got = client.send(client.request("/api/session/state/" + write.key(), token).GET());
                    present = got.statusCode() == 200
                            && ApiClient.JSON.readTree(got.body()).equals(ApiClient.JSON.readTree(write.content()));
                }
                case UPLOAD -> {
                    HttpResponse<byte[]> got = client.sendForBytes(client.request("/api/files/input/" + write.key(), token).GET());
                    present = got.statusCode() == 200 && sha256(got.body()).equals(write.sha256());
                    if (got.statusCode() == 200 && !present) {
                        corrupt++;
                        problems.add("upload " + write.key() + " differs from what was sent");
                    }
                }
                default -> {
                    HttpResponse<String> got = client.send(client.request("/api/jobs/" + write.key(), token).GET());
                    present = got.statusCode() == 200;
                    if (present && !FINISHED.contains(ApiClient.json(got).path("status").asText())) {
                        unfinished++;
                        problems.add("job " + write.key() + " is still " + ApiClient.json(got).path("status").asText());
                    }
                }
            }
            if (write.acked()) {
                acked.merge(write.kind(), 1, Integer::sum);
                if (!present) {
                    lost.merge(write.kind(), 1, Integer::sum);
                    problems.add("acknowledged " + write.kind() + " " + write.key() + " (cycle " + write.cycle() + ") is missing");
                }
            } else if (present) {
                recovered++;
            } else {
                absent++;
            }
        }
        int partial = partialFiles(client, token, root, attemptedUploads, problems);
        return new Verification(acked, lost, corrupt, unfinished, recovered, absent, partial, problems);
    }

    /**
     * Files on disk that are not whole stored files: anything left in a session's private
     * {@code .incoming} area, anything the API does not list, and any input whose bytes are not
     * exactly those of an upload that was sent.
     */
    private static int partialFiles(ApiClient client, String token, Path root, Map<String, String> attemptedUploads,
                                    List<String> problems) throws IOException {
        Set<String> listed = ConcurrentHashMap.newKeySet();
        for (JsonNode file : ApiClient.json(client.send(client.request("/api/files", token).GET())).path("files")) {
            listed.add(file.path("path").asText());
        }
        int partial = 0;
        Path sessions = root.resolve("sessions");
        if (!Files.isDirectory(sessions)) {
            return 0;
        }
        try (Stream<Path> all = Files.walk(sessions)) {
            for (Path file : all.filter(Files::isRegularFile).toList()) {
                Path relative = sessions.relativize(file);
                String inSession = relative.subpath(1, relative.getNameCount()).toString().replace('\\', '/');
                boolean ok = listed.contains(inSession);
                if (ok && inSession.startsWith("input/")) {
                    String expected = attemptedUploads.get(inSession.substring("input/".length()));
                    ok = expected != null && expected.equals(sha256(Files.readAllBytes(file)));
                }
                if (!ok) {
                    partial++;
                    problems.add("not a whole stored file: sessions/" + relative);
                }
            }
        }
        return partial;
    }

    private static String integrityCheck(Path database) throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + database);
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("PRAGMA integrity_check")) {
            return rows.next() ? rows.getString(1) : "no answer";
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Report report(List<Cycle> history, Verification result, String integrity, int cycles, int rate, long seed) {
        Report report = new Report("R1", "kill -9 during mixed writes (state PUTs, XML uploads, conversion jobs; " + WRITERS
                + " writers, ~" + rate + " writes/s), restart, " + cycles + " cycles; then every acknowledged write checked");
        report.columns("cycle", "killed after s", "state acked", "uploads acked", "jobs acked", "in flight at the kill");
        for (Cycle cycle : history) {
            report.row(cycle.number(), cycle.killedAfterSeconds(), cycle.acked().get(Kind.STATE), cycle.acked().get(Kind.UPLOAD),
                    cycle.acked().get(Kind.JOB), cycle.inFlight());
        }
        int acked = result.acked().values().stream().mapToInt(Integer::intValue).sum();
        int lost = result.lost().values().stream().mapToInt(Integer::intValue).sum();
        report.row("all", "", result.acked().getOrDefault(Kind.STATE, 0), result.acked().getOrDefault(Kind.UPLOAD, 0),
                result.acked().getOrDefault(Kind.JOB, 0), history.stream().mapToInt(Cycle::inFlight).sum());
        report.target("acknowledged writes checked / lost", acked + " / " + lost, "lost = 0", lost == 0 && acked > 0);
        report.target("acknowledged uploads not byte-identical (sha256)", Integer.toString(result.corruptUploads()), "0",
                result.corruptUploads() == 0);
        report.target("PRAGMA integrity_check", integrity, "ok", "ok".equals(integrity));
        report.target("partial or stray files in the session folders", Integer.toString(result.partialFiles()), "0",
                result.partialFiles() == 0);
        report.target("accepted jobs not finished after restart (R2)", Integer.toString(result.unfinishedJobs()), "0",
                result.unfinishedJobs() == 0);
        report.details().put("acked", acked).put("lost", lost)
                .put("recovered_in_flight_writes_found_whole", result.recovered())
                .put("in_flight_writes_absent", result.inFlightAbsent()).put("seed", seed)
                .putPOJO("problems", result.problems().stream().limit(50).toList());
        int inFlight = history.stream().mapToInt(Cycle::inFlight).sum();
        System.out.printf(Locale.ROOT, "acked %d, lost %d; in flight at a kill %d: recovered %d (found whole after restart), "
                + "%d absent (never acknowledged, so allowed), %d job submissions whose id never came back (cannot be looked up)%n",
                acked, lost, inFlight, result.recovered(), result.inFlightAbsent(),
                inFlight - result.recovered() - result.inFlightAbsent());
        result.problems().stream().limit(20).forEach(problem -> System.out.println("  problem: " + problem));
        return report;
    }
}
