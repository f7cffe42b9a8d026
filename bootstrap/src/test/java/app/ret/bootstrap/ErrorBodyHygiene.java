package app.ret.bootstrap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * TARGETS.md R12 over every end-to-end suite of this module: each error response any test
 * received through {@link RunningRet#send} must be problem+json whose {@code status} is the HTTP
 * status, and must not show a stack trace, SQL or a server path. Registered for every test class
 * (junit-platform.properties turns on extension auto-detection), it checks after each class the
 * responses that class produced, and fails that class on the first leak.
 *
 * <p>So that it cannot pass by seeing nothing, each server also reports, as it stops, how many
 * error responses it sent (from its own {@code /metrics}); when the run ends, a run whose servers
 * sent error responses of which none reached this check fails.
 */
public final class ErrorBodyHygiene implements AfterAllCallback {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Queue<ErrorResponse> PENDING = new ConcurrentLinkedQueue<>();
    private static final Set<String> SERVER_ROOTS = ConcurrentHashMap.newKeySet();
    private static final AtomicLong CHECKED = new AtomicLong();
    private static final AtomicLong SENT_BY_SERVERS = new AtomicLong();
    private static final List<String> SERVER_PATH_PREFIXES = List.of(
            "/tmp/", "/work/", "/root/", "/home/", "/var/", "/usr/", "/opt/", "/etc/", "/proc/", "C:\\");
    private static final Pattern STACK_TRACE = Pattern.compile("(?i)\\bat [\\w$.]+\\(|exception|caused by|\\.java:\\d+");
    private static final Pattern SQL = Pattern.compile(
            "(?i)\\bsql|sqlite|\\bselect\\s.+\\sfrom\\b|\\binsert into\\b|\\bupdate \\w+ set\\b|\\bdelete from\\b|\\bpragma\\b|constraint failed");
    private static final Pattern JVM_NAMES = Pattern.compile("\\b(?:java|javax|jdk|sun|com\\.sun|com\\.fasterxml|org\\.sqlite|app\\.ret)\\.[a-z]");

    /** One error response as the client saw it. */
    record ErrorResponse(String method, String uri, int status, String contentType, String body) {}

    static void record(HttpRequest request, HttpResponse<String> response) {
        if (response.statusCode() >= 400 && hasBody(request)) {
            PENDING.add(new ErrorResponse(request.method(), request.uri().toString(), response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse(""), response.body()));
        }
    }

    /** The answer to HEAD is GET's without its body (RFC 9110 §9.3.2): nothing to check. */
    private static boolean hasBody(HttpRequest request) {
        return !"HEAD".equals(request.method());
    }

    static void recordBytes(HttpRequest request, HttpResponse<byte[]> response) {
        if (response.statusCode() >= 400 && hasBody(request)) {
            PENDING.add(new ErrorResponse(request.method(), request.uri().toString(), response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse(""), new String(response.body(), StandardCharsets.UTF_8)));
        }
    }

    /** A response read byte for byte from a socket: status line, headers, blank line, body. */
    static void recordRaw(String method, String target, String response) {
        int status = Integer.parseInt(response.substring(9, 12));
        if (status < 400) {
            return;
        }
        int bodyStart = response.indexOf("\r\n\r\n");
        String head = bodyStart < 0 ? response : response.substring(0, bodyStart);
        String contentType = head.lines().filter(line -> line.regionMatches(true, 0, "Content-Type:", 0, 13))
                .map(line -> line.substring(13).trim()).findFirst().orElse("");
        PENDING.add(new ErrorResponse(method, target, status, contentType, bodyStart < 0 ? "" : response.substring(bodyStart + 4)));
    }

    static void serverRoot(String root) {
        SERVER_ROOTS.add(root);
    }

    static void serverSentErrors(long count) {
        SENT_BY_SERVERS.addAndGet(count);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(RunSummary.class, absent -> new RunSummary(), RunSummary.class);
        List<String> violations = new ArrayList<>();
        ErrorResponse response;
        while ((response = PENDING.poll()) != null) {
            CHECKED.incrementAndGet();
            for (String violation : violations(response)) {
                violations.add(response.method() + " " + response.uri() + " -> " + response.status() + ": " + violation
                        + "\n    body: " + response.body());
            }
        }
        if (!violations.isEmpty()) {
            throw new AssertionError("R12: error responses leak internals or are not problem+json:\n" + String.join("\n", violations));
        }
    }

    /** What is wrong with one error response; empty when it is a clean problem. */
    static List<String> violations(ErrorResponse response) {
        List<String> found = new ArrayList<>();
        String body = response.body();
        if (STACK_TRACE.matcher(body).find()) {
            found.add("looks like a stack trace");
        }
        if (SQL.matcher(body).find()) {
            found.add("mentions SQL");
        }
        if (JVM_NAMES.matcher(body).find()) {
            found.add("names a Java class or package");
        }
        for (String prefix : SERVER_PATH_PREFIXES) {
            if (body.contains(prefix)) {
                found.add("shows a server path (" + prefix + ")");
            }
        }
        for (String root : SERVER_ROOTS) {
            if (body.contains(root)) {
                found.add("shows the server's runtime root");
            }
        }
        if (response.method().equals("HEAD")) {
            return found;
        }
        if (!response.contentType().toLowerCase(Locale.ROOT).startsWith("application/problem+json")) {
            found.add("Content-Type is '" + response.contentType() + "', not application/problem+json");
            return found;
        }
        try {
            JsonNode problem = JSON.readTree(body);
            if (problem == null || problem.path("status").asInt() != response.status()) {
                found.add("problem status does not equal the HTTP status");
            }
            for (String member : List.of("type", "title", "code", "request_id")) {
                if (problem == null || !problem.path(member).isTextual()) {
                    found.add("problem has no '" + member + "'");
                }
            }
        } catch (IOException e) {
            found.add("body is not JSON");
        }
        return found;
    }

    /** Kept in the root store, which JUnit closes when the whole run ends. */
    private static final class RunSummary implements AutoCloseable {
        @Override
        public void close() {
            System.out.println("R12: checked " + CHECKED.get() + " error responses; the servers reported sending "
                    + SENT_BY_SERVERS.get());
            if (SENT_BY_SERVERS.get() > 0 && CHECKED.get() == 0) {
                throw new AssertionError("R12: the servers sent " + SENT_BY_SERVERS.get()
                        + " error responses but none reached the hygiene check: is RunningRet.send still recording them?");
            }
        }
    }
}
