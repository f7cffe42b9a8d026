package app.ret.benchmarks;

import app.ret.bootstrap.testing.JavaProcess;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * P13: the console's preview endpoint on a CSV output of at least 1 GiB written by a real
 * conversion job (so the store indexed it as it placed it): the first page and the page at row
 * 5,000,000, timed at the client, beside — in the same rounds — a bare sequential read of the same
 * file up to that row in this process, and the same deep page with the index moved away (what every
 * page cost before the index: the reader passes over every row before it).
 * Arguments: {@code --jar --results --rounds N --requests N} (requests per figure and round)
 * {@code --csv-mb N} (the output's size, default 1024).
 */
public final class P13PreviewPages {
    static final long DEEP_OFFSET = 5_000_000;
    static final int LIMIT = 100;
    static final double TARGET_FIRST_MS = 20;
    static final double TARGET_DEEP_MS = 50;
    private static final String ADMIN_PASSWORD = "p13-benchmark-password";
    private static final String PADDING = "a preview row long enough to make the table large, with some words and a number ";
    private static final Duration CONVERSION_TIMEOUT = Duration.ofMinutes(40);
    private static final Duration PAGE_TIMEOUT = Duration.ofSeconds(30);
    /** Passing over five million rows on a loaded machine takes far longer than an indexed page. */
    private static final Duration UNINDEXED_TIMEOUT = Duration.ofMinutes(10);

    private P13PreviewPages() {}

    record Round(int round, double firstMs, double deepMs, double deepWithoutIndexMs, double bareReadMs, double load) {}

    public static void main(String[] args) throws Exception {
        BenchmarkArguments arguments = new BenchmarkArguments(args);
        int rounds = arguments.integer("rounds", 3);
        int requests = arguments.integer("requests", 15);
        long csvBytes = arguments.integer("csv-mb", 1024) * (1L << 20);
        Path work = Files.createTempDirectory("ret-p13-");
        Path root = work.resolve("root");
        Map<String, String> environment = new HashMap<>();
        environment.put("RET_RUNTIME_ROOT", root.toString());
        environment.put("RET_ADMIN_PASSWORD", ADMIN_PASSWORD);
        environment.put("RATE_LIMIT_REQUESTS", Integer.toString(Integer.MAX_VALUE));
        environment.put("HTTP_MAX_REQUEST_SECONDS", "3600");
        environment.put("MAX_UPLOAD_MB", "8192");
        environment.put("SESSION_QUOTA_MB", "32768");
        environment.put("CONVERSION_CACHE_MAX_MB", "16384");
        environment.put("API_PORT", Integer.toString(JavaProcess.freePort()));
        try {
            Path xml = work.resolve("rows.xml");
            long rows = writeExport(xml, csvBytes);
            try (ServerProcess server = ServerProcess.startRet(arguments.jar(), environment, List.of(), work.resolve("ret.log"))) {
                server.awaitReady();
                ApiClient client = new ApiClient(server::port);
                ApiClient.Session session = client.login("admin", ADMIN_PASSWORD);
                long convertStarted = System.nanoTime();
                String output = convert(client, session, xml);
                Duration conversion = Duration.ofNanos(System.nanoTime() - convertStarted);
                Files.delete(xml);
                Path sessionDirectory = root.resolve("sessions").resolve(session.sessionId());
                Path csv = sessionDirectory.resolve(output);
                Path indexes = sessionDirectory.resolve(".rows");
                String previewPath = "/api/files/" + output + "/preview";
                checkDeepPage(client, session, previewPath);

                List<Round> measured = new ArrayList<>();
                for (int round = 1; round <= rounds; round++) {
                    double first = medianMillis(client, session, previewPath + "?offset=0&limit=" + LIMIT, requests, PAGE_TIMEOUT);
                    double deep = medianMillis(client, session, previewPath + "?offset=" + DEEP_OFFSET + "&limit=" + LIMIT, requests,
                            PAGE_TIMEOUT);
                    double bare = bareReadMillis(csv, DEEP_OFFSET + 1);
                    Path aside = work.resolve("rows-aside");
                    Files.move(indexes, aside);
                    double withoutIndex = medianMillis(client, session, previewPath + "?offset=" + DEEP_OFFSET + "&limit=" + LIMIT, 1,
                            UNINDEXED_TIMEOUT);
                    Files.move(aside, indexes);
                    measured.add(new Round(round, first, deep, withoutIndex, bare,
                            java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));
                }
                report(measured, Files.size(csv), rows, conversion, requests).printAndWrite(arguments.results());
            }
        } finally {
            JobQueueBenchmark.deleteTree(work);
        }
    }

    /** A flat export of {@code <row>} records whose CSV (id, name, text) is at least {@code csvBytes}; returns the rows. */
    private static long writeExport(Path xml, long csvBytes) throws IOException {
        long rows = 0;
        long csv = 0;
        try (BufferedWriter out = Files.newBufferedWriter(xml, StandardCharsets.UTF_8)) {
            out.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rows>\n");
            while (csv < csvBytes || rows <= DEEP_OFFSET + LIMIT) {
                String id = Long.toString(rows);
                String text = PADDING + (rows * 7919 % 1_000_003);
                out.write("<row><id>" + id + "</id><name>row " + id + "</name><text>" + text + "</text></row>\n");
                csv += id.length() + 5 + id.length() + text.length() + 4;
                rows++;
            }
            out.write("</rows>\n");
        }
        return rows;
    }

    /** Uploads the export and converts it with {@code row} as the record; the output's workspace path. */
    private static String convert(ApiClient client, ApiClient.Session session, Path xml) throws IOException, InterruptedException {
        HttpResponse<String> upload = client.send(client.request("/api/files?name=rows.xml", session.accessToken())
                .timeout(CONVERSION_TIMEOUT).header("Content-Type", "application/xml").POST(HttpRequest.BodyPublishers.ofFile(xml)));
        if (upload.statusCode() != 201) {
            throw new IllegalStateException("upload answered " + upload.statusCode() + ": " + upload.body());
        }
        HttpResponse<String> accepted = client.send(client.request("/api/conversions", session.accessToken())
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"options\":{\"record\":\"row\"}}")));
        if (accepted.statusCode() != 202) {
            throw new IllegalStateException("conversion answered " + accepted.statusCode() + ": " + accepted.body());
        }
        String statusUrl = ApiClient.json(accepted).get("status_url").asText();
        long deadline = System.nanoTime() + CONVERSION_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode job = ApiClient.json(client.send(client.request(statusUrl, session.accessToken()).GET()));
            String status = job.get("status").asText();
            if (status.equals("succeeded")) {
                return job.get("result").get("outputs").get(0).get("output").asText();
            }
            if (!status.equals("queued") && !status.equals("running")) {
                throw new IllegalStateException("the conversion ended " + status + ": " + job);
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("the conversion did not finish within " + CONVERSION_TIMEOUT);
    }

    /** The deep page is the right one: its first row is row 5,000,000 of the export. */
    private static void checkDeepPage(ApiClient client, ApiClient.Session session, String previewPath) throws IOException {
        HttpResponse<String> page = client.send(client.request(previewPath + "?offset=" + DEEP_OFFSET + "&limit=" + LIMIT,
                session.accessToken()).GET());
        JsonNode rows = ApiClient.json(page).get("rows");
        if (page.statusCode() != 200 || rows.size() != LIMIT || !rows.get(0).get(0).asText().equals(Long.toString(DEEP_OFFSET))) {
            throw new IllegalStateException("the page at " + DEEP_OFFSET + " is not the export's row " + DEEP_OFFSET + ": " + page.body());
        }
    }

    private static double medianMillis(ApiClient client, ApiClient.Session session, String path, int requests, Duration timeout)
            throws IOException {
        double[] millis = new double[requests];
        for (int i = 0; i < requests; i++) {
            long started = System.nanoTime();
            HttpResponse<String> response = client.send(client.request(path, session.accessToken()).timeout(timeout).GET());
            millis[i] = (System.nanoTime() - started) / 1e6;
            if (response.statusCode() != 200) {
                throw new IllegalStateException(path + " answered " + response.statusCode() + ": " + response.body());
            }
        }
        Arrays.sort(millis);
        return millis[requests / 2];
    }

    /** The baseline: read the file from its start until {@code records} line ends went by, nothing else. */
    private static double bareReadMillis(Path csv, long records) throws IOException {
        long started = System.nanoTime();
        long seen = 0;
        try (FileChannel in = FileChannel.open(csv, StandardOpenOption.READ)) {
            ByteBuffer buffer = ByteBuffer.allocate(1 << 20);
            byte[] bytes = buffer.array();
            reading:
            while (in.read(buffer.clear()) > 0) {
                for (int i = 0; i < buffer.position(); i++) {
                    if (bytes[i] == '\n' && ++seen == records) {
                        break reading;
                    }
                }
            }
        }
        if (seen < records) {
            throw new IllegalStateException("the table has fewer than " + records + " lines");
        }
        return (System.nanoTime() - started) / 1e6;
    }

    private static Report report(List<Round> rounds, long csvBytes, long rows, Duration conversion, int requests) {
        Report report = new Report("P13", String.format(Locale.ROOT,
                "Preview pages of a %.2f GiB CSV output (%,d rows) written by a conversion job, GET /api/files/{path}/preview"
                        + " limit %d, median of %d requests per round; the bare read is this process reading the file to row %,d",
                csvBytes / (double) (1L << 30), rows, LIMIT, requests, DEEP_OFFSET))
                .columns("round", "first page ms", "page at 5,000,000 ms", "same page without the index ms",
                        "bare sequential read to 5,000,000 ms", "page at 5,000,000 / bare read", "load avg");
        for (Round round : rounds) {
            report.row(round.round(), round.firstMs(), round.deepMs(), round.deepWithoutIndexMs(), round.bareReadMs(),
                    round.deepMs() / round.bareReadMs(), round.load());
        }
        double first = median(rounds.stream().mapToDouble(Round::firstMs).toArray());
        double deep = median(rounds.stream().mapToDouble(Round::deepMs).toArray());
        double without = median(rounds.stream().mapToDouble(Round::deepWithoutIndexMs).toArray());
        double bare = median(rounds.stream().mapToDouble(Round::bareReadMs).toArray());
        report.row("median", first, deep, without, bare, deep / bare, median(rounds.stream().mapToDouble(Round::load).toArray()));
        report.target("first page (median of rounds)", String.format(Locale.ROOT, "%.2f ms", first), "<= 20 ms", first <= TARGET_FIRST_MS);
        report.target("page at 5,000,000 (median of rounds)", String.format(Locale.ROOT, "%.2f ms", deep), "<= 50 ms",
                deep <= TARGET_DEEP_MS);
        report.target("page at 5,000,000 / bare sequential read to it", String.format(Locale.ROOT, "%.4fx (%.1f vs %.1f ms)",
                deep / bare, deep, bare), "report", true);
        report.target("page at 5,000,000 without the index / with it", String.format(Locale.ROOT, "%.0fx", without / deep),
                "report", true);
        report.details().put("csv_bytes", csvBytes).put("rows", rows).put("conversion_seconds", conversion.toMillis() / 1000.0);
        return report;
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted.length % 2 == 1 ? sorted[sorted.length / 2] : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
    }
}
