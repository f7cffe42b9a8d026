package app.ret.benchmarks;

import app.ret.adapters.files.archive.ZipIntake;
import app.ret.bootstrap.testing.JavaProcess;
import app.ret.domain.files.ArchiveLimits;
import app.ret.domain.files.WorkspacePath;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * P12: {@code POST /api/files} of a 27 MB flat export and of a ~200 MB ZIP of many XML files
 * (both made from the shared data: the library export's books, repeated, each with an id of its
 * own) through RET started with {@code -Xmx256m}, against a bare JDK HttpServer in a JVM of the same
 * size that writes the body to disk with the same fsyncs, alternating, in MB/s of request body; then
 * the ZIP intake alone ({@link ZipIntake}, as the store runs it) against a bare
 * {@link ZipInputStream} pass that inflates every entry to its own fsynced file. RET's heap after
 * each collection comes from its GC log, per phase.
 * Arguments: {@code --jar --results --rounds N --export-mb N --zip-mb N --shared-data DIR}, and
 * {@code --jfr FILE} to record a profile of RET.
 */
public final class P12Uploads {
    static final double TARGET_UPLOAD_RATIO = 0.6;
    static final double TARGET_INTAKE_RATIO = 0.7;
    private static final String ADMIN_PASSWORD = "p12-benchmark-password";
    private static final String HEAP = "-Xmx256m";
    private static final int ENTRY_BYTES = 512 * 1024;
    private static final int BUFFER_BYTES = 64 * 1024;
    private static final Pattern HEAP_AFTER_GC = Pattern.compile("->(\\d+)M\\((\\d+)M\\)");

    private P12Uploads() {}

    record Upload(String what, int round, String server, long bytes, double seconds, double load) {
        double megabytesPerSecond() {
            return bytes / 1e6 / seconds;
        }
    }

    record Intake(int round, String contender, long inflatedBytes, double seconds, double load) {}

    /** RET's collections during one phase and the largest heap one of them left. */
    record HeapAfterGc(int collections, int largestMb) {
        @Override
        public String toString() {
            return collections == 0 ? "no collection" : collections + " collections, largest " + largestMb + " MB";
        }
    }

    public static void main(String[] args) throws Exception {
        BenchmarkArguments arguments = new BenchmarkArguments(args);
        int rounds = arguments.integer("rounds", 3);
        Path work = Files.createTempDirectory("ret-p12-");
        Path shared = arguments.path("shared-data", "../shared/data");
        try {
            byte[] books = P5Corpus.libraryBooks(shared.resolve("library").resolve("1mb.xml"));
            Path export = writeExport(work.resolve("export.xml"), books, arguments.integer("export-mb", 27) * 1_000_000L);
            Path zip = writeZip(work.resolve("archive.zip"), books, arguments.integer("zip-mb", 200) * 1_000_000L);

            Path gcLog = work.resolve("ret-gc.log");
            Map<String, String> environment = new HashMap<>();
            environment.put("RET_RUNTIME_ROOT", work.resolve("root").toString());
            environment.put("RET_ADMIN_PASSWORD", ADMIN_PASSWORD);
            environment.put("RATE_LIMIT_REQUESTS", Integer.toString(Integer.MAX_VALUE));
            environment.put("HTTP_MAX_REQUEST_SECONDS", "3600");
            environment.put("MAX_UPLOAD_MB", "4096");
            environment.put("SESSION_QUOTA_MB", "65536");
            environment.put("ZIP_MAX_TOTAL_MB", "65536");
            environment.put("API_PORT", Integer.toString(JavaProcess.freePort()));
            List<Upload> uploads = new ArrayList<>();
            List<Intake> intakes = new ArrayList<>();
            Map<String, HeapAfterGc> heapAfterGc = new java.util.LinkedHashMap<>();
            Path bareFiles = work.resolve("bare");
            List<String> retOptions = new ArrayList<>(List.of(HEAP, "-Xlog:gc:file=" + gcLog));
            arguments.optionalPath("jfr").ifPresent(jfr -> retOptions.add("-XX:StartFlightRecording=filename=" + jfr.toAbsolutePath()
                    + ",settings=profile,dumponexit=true"));
            try (ServerProcess ret = ServerProcess.startRet(arguments.jar(), environment, retOptions, work.resolve("ret.log"));
                 ServerProcess bare = ServerProcess.startMain(BareUploadServer.class, List.of(HEAP), List.of(bareFiles.toString()),
                         JavaProcess.freePort(), work.resolve("bare.log"))) {
                ret.awaitReady();
                bare.awaitReady("/", java.time.Duration.ofSeconds(60));
                ApiClient retClient = new ApiClient(ret::port);
                ApiClient bareClient = new ApiClient(bare::port);
                String token = retClient.login("admin", ADMIN_PASSWORD).accessToken();
                upload(retClient, token, "/api/files?name=warm-up.xml", export, "export", 0, "RET");
                upload(bareClient, null, "/", export, "export", 0, "bare");
                clear(bareFiles);
                for (String what : List.of("export", "zip")) {
                    Path body = what.equals("export") ? export : zip;
                    long gcLinesBefore = lines(gcLog);
                    for (int round = 1; round <= rounds; round++) {
                        String name = what.equals("export") ? "export-" + round + ".xml" : "archive-" + round + ".zip";
                        boolean retFirst = round % 2 == 1;
                        for (int turn = 0; turn < 2; turn++) {
                            if ((turn == 0) == retFirst) {
                                uploads.add(upload(retClient, token, "/api/files?name=" + name, body, what, round, "RET"));
                            } else {
                                uploads.add(upload(bareClient, null, "/", body, what, round, "bare HttpServer"));
                                clear(bareFiles);
                            }
                        }
                    }
                    heapAfterGc.put(what, heapAfterGc(gcLog, gcLinesBefore));
                }
            }
            for (int round = 1; round <= rounds; round++) {
                boolean intakeFirst = round % 2 == 1;
                for (int turn = 0; turn < 2; turn++) {
                    Path target = Files.createDirectories(work.resolve("intake-" + round + "-" + turn));
                    intakes.add((turn == 0) == intakeFirst ? zipIntake(zip, target, round) : bareInflate(zip, target, round));
                    JobQueueBenchmark.deleteTree(target);
                }
            }
            report(uploads, intakes, heapAfterGc, Files.size(export), Files.size(zip)).printAndWrite(arguments.results());
        } finally {
            JobQueueBenchmark.deleteTree(work);
        }
    }

    private static Upload upload(ApiClient client, String token, String path, Path body, String what, int round, String server)
            throws IOException {
        long started = System.nanoTime();
        HttpResponse<String> response = client.send(client.request(path, token).timeout(java.time.Duration.ofMinutes(30))
                .header("Content-Type", "application/octet-stream").POST(HttpRequest.BodyPublishers.ofFile(body)));
        double seconds = (System.nanoTime() - started) / 1e9;
        if (response.statusCode() != 201) {
            throw new IllegalStateException(server + " answered " + response.statusCode() + " to " + path + ": " + response.body());
        }
        return new Upload(what, round, server, Files.size(body), seconds, loadAverage());
    }

    private static Intake zipIntake(Path zip, Path target, int round) throws IOException, ZipIntake.Refusal {
        Path tree = Files.createDirectory(target.resolve("tree"));
        Path scratch = Files.createDirectory(target.resolve("nested"));
        ArchiveLimits limits = new ArchiveLimits(100_000, Long.MAX_VALUE / 4, 100_000, ArchiveLimits.DEFAULT_MAX_DEPTH);
        long started = System.nanoTime();
        ZipIntake.Extraction extraction = ZipIntake.extract(zip, WorkspacePath.parse("input/archive").orElseThrow(), limits, tree, scratch,
                Long.MAX_VALUE / 4);
        return new Intake(round, "ZipIntake.extract", extraction.bytes(), (System.nanoTime() - started) / 1e9, loadAverage());
    }

    /** The baseline: every entry inflated into a file of its own, fsynced, nothing else. */
    private static Intake bareInflate(Path zip, Path target, int round) throws IOException {
        long started = System.nanoTime();
        long inflated = 0;
        byte[] buffer = new byte[BUFFER_BYTES];
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            ZipEntry entry;
            int number = 0;
            while ((entry = in.getNextEntry()) != null) {
                if (entry.isDirectory()) {
                    continue;
                }
                try (FileChannel out = FileChannel.open(target.resolve("entry-" + (number++) + ".xml"),
                        StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                    int read;
                    while ((read = in.read(buffer)) > 0) {
                        ByteBuffer bytes = ByteBuffer.wrap(buffer, 0, read);
                        while (bytes.hasRemaining()) {
                            out.write(bytes);
                        }
                        inflated += read;
                    }
                    out.force(true);
                }
            }
        }
        return new Intake(round, "bare ZipInputStream", inflated, (System.nanoTime() - started) / 1e9, loadAverage());
    }

    private static Report report(List<Upload> uploads, List<Intake> intakes, Map<String, HeapAfterGc> heapAfterGc, long exportBytes,
                                 long zipBytes) {
        Report report = new Report("P12", String.format(Locale.ROOT, "Uploads through POST /api/files (RET at %s) vs a bare JDK"
                + " HttpServer writing the body with the same fsyncs (same heap), alternating; a %.1f MB flat export and a %.1f MB"
                + " ZIP of %d-KiB XML files; then ZIP intake alone vs a bare ZipInputStream inflating every entry to an fsynced file",
                HEAP, exportBytes / 1e6, zipBytes / 1e6, ENTRY_BYTES / 1024))
                .columns("body", "round", "contender", "MB/s", "seconds", "load avg");
        for (Upload upload : uploads) {
            report.row(upload.what(), upload.round(), upload.server(), upload.megabytesPerSecond(), upload.seconds(), upload.load());
        }
        for (Intake intake : intakes) {
            report.row("zip intake", intake.round(), intake.contender(), intake.inflatedBytes() / 1e6 / intake.seconds(), intake.seconds(),
                    intake.load());
        }
        for (String what : List.of("export", "zip")) {
            double ret = median(uploads.stream().filter(u -> u.what().equals(what) && u.server().equals("RET"))
                    .mapToDouble(Upload::megabytesPerSecond).toArray());
            double bare = median(uploads.stream().filter(u -> u.what().equals(what) && !u.server().equals("RET"))
                    .mapToDouble(Upload::megabytesPerSecond).toArray());
            double perRound = median(roundRatios(uploads, what));
            report.target("POST /api/files of the " + (what.equals("export") ? "flat export" : "ZIP")
                            + ", RET / bare: median of the rounds' ratios (medians of MB/s)",
                    String.format(Locale.ROOT, "%.2fx (%.1f vs %.1f MB/s: %.2fx)", perRound, ret, bare, ret / bare), ">= 0.6x",
                    perRound >= TARGET_UPLOAD_RATIO);
        }
        double zipSeconds = median(uploads.stream().filter(u -> u.what().equals("zip") && u.server().equals("RET"))
                .mapToDouble(Upload::seconds).toArray());
        double bareZipSeconds = median(uploads.stream().filter(u -> u.what().equals("zip") && !u.server().equals("RET"))
                .mapToDouble(Upload::seconds).toArray());
        long inflatedBytes = intakes.get(0).inflatedBytes();
        double retWritten = (zipBytes + inflatedBytes) / 1e6 / zipSeconds;
        double bareWritten = zipBytes / 1e6 / bareZipSeconds;
        report.target("ZIP upload, bytes written per second: RET (spool + inflated files) / bare (body)",
                String.format(Locale.ROOT, "%.2fx (%.1f vs %.1f MB/s; the files inflate to %.1fx the body)", retWritten / bareWritten,
                        retWritten, bareWritten, inflatedBytes / (double) zipBytes), "report", true);
        double intake = median(intakes.stream().filter(i -> i.contender().startsWith("ZipIntake"))
                .mapToDouble(i -> i.inflatedBytes() / 1e6 / i.seconds()).toArray());
        double bareIntake = median(intakes.stream().filter(i -> !i.contender().startsWith("ZipIntake"))
                .mapToDouble(i -> i.inflatedBytes() / 1e6 / i.seconds()).toArray());
        report.target("ZIP intake alone, ZipIntake / bare ZipInputStream (median MB/s inflated)",
                String.format(Locale.ROOT, "%.2fx (%.1f vs %.1f MB/s)", intake / bareIntake, intake, bareIntake), ">= 0.7x",
                intake / bareIntake >= TARGET_INTAKE_RATIO);
        HeapAfterGc exportHeap = heapAfterGc.get("export");
        HeapAfterGc zipHeap = heapAfterGc.get("zip");
        report.target("RET heap after GC at -Xmx256m: export uploads; ZIP uploads", exportHeap + "; " + zipHeap,
                "flat: <= 64 MB whatever the body", exportHeap.largestMb() <= 64 && zipHeap.largestMb() <= 64);
        report.details().put("zip_inflated_bytes", inflatedBytes).put("zip_bytes", zipBytes)
                .put("zip_inflated_per_body_byte", inflatedBytes / (double) zipBytes);
        return report;
    }

    /** Each round's RET MB/s over the bare server's, for one body: the two ran back to back, so they share the machine's mood. */
    private static double[] roundRatios(List<Upload> uploads, String what) {
        return uploads.stream().filter(u -> u.what().equals(what) && u.server().equals("RET")).mapToDouble(ret -> ret.megabytesPerSecond()
                / uploads.stream().filter(u -> u.what().equals(what) && u.round() == ret.round() && !u.server().equals("RET"))
                        .findFirst().orElseThrow().megabytesPerSecond()).toArray();
    }

    /** The collections among the GC log's lines after the first {@code skip}, and the largest heap one left. */
    private static HeapAfterGc heapAfterGc(Path gcLog, long skip) throws IOException {
        int largest = 0;
        int collections = 0;
        try (Stream<String> lines = Files.lines(gcLog)) {
            for (String line : (Iterable<String>) lines.skip(skip)::iterator) {
                Matcher matcher = HEAP_AFTER_GC.matcher(line);
                if (matcher.find()) {
                    collections++;
                    largest = Math.max(largest, Integer.parseInt(matcher.group(1)));
                }
            }
        }
        return new HeapAfterGc(collections, largest);
    }

    private static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private static long lines(Path file) throws IOException {
        if (!Files.exists(file)) {
            return 0;
        }
        try (Stream<String> lines = Files.lines(file)) {
            return lines.count();
        }
    }

    /** The library's books repeated under one root to {@code bytes}. */
    private static Path writeExport(Path target, byte[] books, long bytes) throws IOException {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(target), BUFFER_BYTES)) {
            out.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<library>\n".getBytes(StandardCharsets.UTF_8));
            long written = 0;
            for (int copy = 0; written < bytes; copy++) {
                byte[] marked = ("<book><id>copy-" + copy + "</id></book>\n").getBytes(StandardCharsets.UTF_8);
                out.write(marked);
                out.write(books);
                written += marked.length + books.length;
            }
            out.write("\n</library>\n".getBytes(StandardCharsets.UTF_8));
        }
        return target;
    }

    /**
     * A ZIP of {@value #ENTRY_BYTES}-byte XML files cut from the books, each book tagged with a
     * random id so the archive does not shrink to nothing, until the archive reaches {@code bytes}.
     */
    private static Path writeZip(Path target, byte[] books, long bytes) throws IOException {
        Random random = new Random(12);
        String text = new String(books, StandardCharsets.UTF_8);
        String[] records = Arrays.stream(text.split("(?<=</book>)")).map(String::strip).filter(record -> record.endsWith("</book>"))
                .toArray(String[]::new);
        try (ZipOutputStream zip = new ZipOutputStream(new BufferedOutputStream(Files.newOutputStream(target), BUFFER_BYTES))) {
            int next = 0;
            for (int entry = 0; Files.size(target) < bytes; entry++) {
                zip.putNextEntry(new ZipEntry("batch-" + entry / 100 + "/part-" + entry + ".xml"));
                StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<library>\n");
                while (xml.length() < ENTRY_BYTES) {
                    String record = records[next++ % records.length];
                    xml.append(record, 0, record.length() - "</book>".length())
                            .append("<ref>").append(Long.toHexString(random.nextLong())).append(Long.toHexString(random.nextLong()))
                            .append("</ref></book>\n");
                }
                xml.append("</library>\n");
                zip.write(xml.toString().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
                zip.flush();
            }
        }
        return target;
    }

    private static void clear(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            return;
        }
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
        }
    }

    static double median(double[] values) {
        return P13PreviewPages.median(values);
    }
}
