package app.ret.adapters.http.pipeline;

import app.ret.ports.in.Principal;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.FilterOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** One request and its response, as handlers see it. */
public final class ApiExchange {
    public static final long MAX_JSON_BYTES = 1024 * 1024;
    public static final String JSON = "application/json; charset=utf-8";
    static final String PROBLEM_JSON = "application/problem+json";
    /** A body streamed without a declared length: no {@code Content-Length}. */
    private static final long CHUNKED = -1;

    private final HttpExchange exchange;
    private final String requestId;
    private Map<String, String> pathParameters = Map.of();
    private Optional<Principal> principal = Optional.empty();
    private String clientAddress;
    private String routeTemplate = "unmatched";
    private int status;
    private long bytesWritten;

    ApiExchange(HttpExchange exchange, String requestId) {
        this.exchange = exchange;
        this.requestId = requestId;
    }

    void bindRoute(String template, Map<String, String> parameters) {
        this.routeTemplate = template;
        this.pathParameters = Map.copyOf(parameters);
    }

    void bindPrincipal(Optional<Principal> caller) {
        this.principal = caller;
    }

    void bindClientAddress(String address) {
        this.clientAddress = address;
    }

    public String requestId() {
        return requestId;
    }

    public String method() {
        return exchange.getRequestMethod();
    }

    public String routeTemplate() {
        return routeTemplate;
    }

    public String pathParameter(String name) {
        String value = pathParameters.get(name);
        if (value == null) {
            throw new IllegalStateException("route has no parameter " + name);
        }
        return value;
    }

    /** The authenticated caller; only call on routes that require authentication. */
    public Principal principal() {
        return principal.orElseThrow(() -> new ProblemException(Problem.unauthorized()));
    }

    public Optional<Principal> optionalPrincipal() {
        return principal;
    }

    public Optional<String> header(String name) {
        return Optional.ofNullable(exchange.getRequestHeaders().getFirst(name));
    }

    public Headers requestHeaders() {
        return exchange.getRequestHeaders();
    }

    public String remoteAddress() {
        return exchange.getRemoteAddress().getAddress().getHostAddress();
    }

    /** The client as {@link TrustedProxies} resolved it: what rate limits and login throttling count against. */
    public String clientAddress() {
        return clientAddress;
    }

    /**
     * The one value of a query parameter. Given twice ({@code ttl=1&ttl=5}) it is refused with a 400
     * naming it: taking either value silently would guess what the client meant.
     */
    public Optional<String> queryParameter(String name) {
        String query = exchange.getRequestURI().getRawQuery();
        if (query == null) {
            return Optional.empty();
        }
        Optional<String> found = Optional.empty();
        for (String pair : query.split("&")) {
            int equals = pair.indexOf('=');
            String key = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
            if (key.equals(name)) {
                if (found.isPresent()) {
                    throw new ProblemException(Problem.validation("The query parameter \"" + name + "\" is given more than once."));
                }
                found = Optional.of(equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
            }
        }
        return found;
    }

    public Optional<String> cookie(String name) {
        List<String> headers = exchange.getRequestHeaders().getOrDefault("Cookie", List.of());
        for (String header : headers) {
            for (String part : header.split(";")) {
                String trimmed = part.trim();
                int equals = trimmed.indexOf('=');
                if (equals > 0 && trimmed.substring(0, equals).equals(name)) {
                    return Optional.of(trimmed.substring(equals + 1));
                }
            }
        }
        return Optional.empty();
    }

    /**
     * The body, refused with 413 before a byte is read when its declared length is over the limit,
     * and cut at the limit when it has no declared length (chunked).
     */
    public InputStream body(long limitBytes) {
        String declared = exchange.getRequestHeaders().getFirst("Content-Length");
        if (declared != null) {
            long length;
            try {
                length = Long.parseLong(declared.trim());
            } catch (NumberFormatException e) {
                throw new ProblemException(Problem.validation("Content-Length is not a number."));
            }
            if (length > limitBytes) {
                throw new ProblemException(Problem.payloadTooLarge(limitBytes));
            }
        }
        return new LimitedInputStream(exchange.getRequestBody(), limitBytes);
    }

    public <T> T readJson(Class<T> type) throws IOException {
        requireJsonContentType();
        try (InputStream body = body(MAX_JSON_BYTES)) {
            return JsonCodec.read(body, type);
        }
    }

    public void requireJsonContentType() {
        String contentType = header("Content-Type").orElse("");
        if (!contentType.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            throw new ProblemException(Problem.unsupportedMediaType("Send the body as application/json."));
        }
    }

    /** One value in an immutable list: the JDK's own {@code set} builds a linked list and an iterator per header. */
    public void setHeader(String name, String value) {
        exchange.getResponseHeaders().put(name, List.of(value));
    }

    /** Another value beside those already set (which may be an immutable list, so the values are copied). */
    public void addHeader(String name, String value) {
        Headers headers = exchange.getResponseHeaders();
        List<String> values = new ArrayList<>(headers.getOrDefault(name, List.of()));
        values.add(value);
        headers.put(name, values);
    }

    public void respondJson(int statusCode, Object body) throws IOException {
        respondBytes(statusCode, JSON, JsonCodec.write(body));
    }

    public void respondEmpty(int statusCode) throws IOException {
        this.status = statusCode;
        if (headRequest()) {
            sendHeadersWithoutBody(statusCode, 0);
            return;
        }
        exchange.sendResponseHeaders(statusCode, -1);
        exchange.close();
    }

    public void respondBytes(int statusCode, String contentType, byte[] body) throws IOException {
        setHeader("Content-Type", contentType);
        if (contentType.startsWith("application/json") || contentType.startsWith(PROBLEM_JSON)) {
            setHeader("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
        }
        this.status = statusCode;
        if (headRequest()) {
            sendHeadersWithoutBody(statusCode, body.length);
            return;
        }
        exchange.sendResponseHeaders(statusCode, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
        bytesWritten += body.length;
        exchange.close();
    }

    /** Streams a body of unknown length (chunked); the caller writes and closes the stream. */
    public OutputStream respondStream(int statusCode, String contentType) throws IOException {
        return stream(statusCode, contentType, 0);
    }

    /** Streams a body of {@code length} bytes (at least one); the caller writes exactly that many and closes the stream. */
    public OutputStream respondStream(int statusCode, String contentType, long length) throws IOException {
        if (length < 1) {
            throw new IllegalArgumentException("a streamed body of known length has at least one byte");
        }
        return stream(statusCode, contentType, length);
    }

    private OutputStream stream(int statusCode, String contentType, long lengthOrChunked) throws IOException {
        setHeader("Content-Type", contentType);
        this.status = statusCode;
        if (headRequest()) {
            sendHeadersWithoutBody(statusCode, lengthOrChunked == 0 ? CHUNKED : lengthOrChunked);
            return OutputStream.nullOutputStream();
        }
        exchange.sendResponseHeaders(statusCode, lengthOrChunked);
        OutputStream out = exchange.getResponseBody();
        return new FilterOutputStream(out) {
            @Override
            public void write(byte[] buffer, int offset, int length) throws IOException {
                out.write(buffer, offset, length);
                bytesWritten += length;
            }
        };
    }

    private boolean headRequest() {
        return "HEAD".equals(exchange.getRequestMethod());
    }

    /**
     * A HEAD answer: the headers GET would send, {@code Content-Length} included when GET's body has
     * a known length, and no body. The JDK server sends none for HEAD and sets no length itself.
     */
    private void sendHeadersWithoutBody(int statusCode, long bodyLength) throws IOException {
        if (bodyLength != CHUNKED && statusCode != 204 && statusCode != 304) {
            setHeader("Content-Length", Long.toString(bodyLength));
        }
        exchange.sendResponseHeaders(statusCode, -1);
        exchange.close();
    }

    public void respondProblem(Problem problem) throws IOException {
        respondProblem(problem, Map.of());
    }

    /** A problem with extension members (RFC 9457 §3.2) after the standard ones. */
    public void respondProblem(Problem problem, Map<String, Object> extensions) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", problem.type());
        body.put("title", problem.title());
        body.put("status", problem.status());
        body.put("detail", problem.detail());
        body.put("code", problem.code());
        body.put("request_id", requestId);
        extensions.forEach(body::putIfAbsent);
        // An upload refused part-way leaves its body unread: the connection cannot carry another request.
        if (problem.status() == 413 || problem.status() == 507) {
            setHeader("Connection", "close");
        }
        respondBytes(problem.status(), PROBLEM_JSON, JsonCodec.write(body));
    }

    boolean responded() {
        return status != 0;
    }

    int status() {
        return status;
    }

    long bytesWritten() {
        return bytesWritten;
    }
}
