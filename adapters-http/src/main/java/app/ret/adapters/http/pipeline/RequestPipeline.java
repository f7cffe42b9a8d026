package app.ret.adapters.http.pipeline;

import app.ret.adapters.http.metrics.HttpMetrics;
import app.ret.domain.cluster.InstanceId;
import app.ret.ports.in.AuthenticateUseCase;
import app.ret.ports.in.Principal;
import app.ret.ports.out.InsufficientStorageException;
import app.ret.ports.out.StoreUnavailableException;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * Every request passes here: request id and security headers, the client's address and identity,
 * the rate limit on {@code /api}, exact routing (404 / 405 with Allow), role checks, the endpoint,
 * and one place that turns failures into problem+json without leaking internals.
 */
public final class RequestPipeline implements HttpHandler {
    private static final System.Logger LOG = System.getLogger(RequestPipeline.class.getName());
    private static final System.Logger ACCESS = System.getLogger("app.ret.access");
    private static final Pattern CLIENT_REQUEST_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
    private static final String BEARER = "Bearer";
    private static final String GET = "GET";
    private static final String HEAD = "HEAD";
    private static final long DRAIN_POLL_MILLIS = 10;
    /** What a client is told to wait when the database is unavailable: about one reconnection attempt. */
    private static final Duration RETRY_AFTER_UNAVAILABLE = Duration.ofSeconds(5);

    private final List<Route> routes;
    private final AuthenticateUseCase authentication;
    private final TrustedProxies trustedProxies;
    private final ApiRateLimiter rateLimiter;
    private final CorsPolicy cors;
    private final HttpMetrics metrics;
    private final InstanceId instance;
    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile boolean draining;

    public RequestPipeline(List<Route> routes, AuthenticateUseCase authentication, TrustedProxies trustedProxies,
                    ApiRateLimiter rateLimiter, CorsPolicy cors, HttpMetrics metrics, InstanceId instance) {
        this.routes = List.copyOf(routes);
        this.authentication = authentication;
        this.trustedProxies = trustedProxies;
        this.rateLimiter = rateLimiter;
        this.cors = cors;
        this.metrics = metrics;
        this.instance = instance;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        long started = System.nanoTime();
        String requestId = Optional.ofNullable(exchange.getRequestHeaders().getFirst("X-Request-Id"))
                .filter(candidate -> CLIENT_REQUEST_ID.matcher(candidate).matches())
                .orElseGet(RequestPipeline::newRequestId);
        ApiExchange api = new ApiExchange(exchange, requestId);
        String rawPath = exchange.getRequestURI().getRawPath();
        boolean apiRoute = rawPath.startsWith("/api/") || rawPath.equals("/api");
        api.setHeader("X-Request-Id", requestId);
        api.setHeader("X-Content-Type-Options", "nosniff");
        if (apiRoute) {
            api.setHeader("Cache-Control", "no-store");
        }
        inFlight.incrementAndGet();
        try {
            if (draining) {
                api.setHeader("Connection", "close");
                throw new ProblemException(Problem.unavailable("The server is shutting down."));
            }
            Resolution resolution = resolve(api, exchange.getRequestMethod(), rawPath);
            if (apiRoute && !cors.isEmpty() && answeredCrossOrigin(api, rawPath, resolution)) {
                return;
            }
            api.bindClientAddress(trustedProxies.clientAddress(exchange.getRemoteAddress().getAddress(),
                    exchange.getRequestHeaders().getOrDefault("X-Forwarded-For", List.of())));
            api.bindPrincipal(authenticate(api));
            if (apiRoute) {
                rateLimiter.admit(api);
            }
            dispatch(api, resolution);
        } catch (ProblemException e) {
            respondIfStillOpen(api, e.problem(), e.extensions());
        } catch (IOException e) {
            // Mostly the client: it went away, or was too slow and the server cut it (R5). One line, no stack trace.
            LOG.log(System.Logger.Level.WARNING, "request {0}: I/O failed: {1}", requestId, e.toString());
            respondIfStillOpen(api, Problem.internal());
        } catch (StoreUnavailableException e) {
            // The database is down or unreachable: expected to pass, so one line, and the client is told to come back.
            LOG.log(System.Logger.Level.WARNING, "request {0}: {1}", requestId, e.getMessage());
            api.setHeader("Retry-After", Long.toString(RETRY_AFTER_UNAVAILABLE.toSeconds()));
            respondIfStillOpen(api, Problem.unavailable("The database is unavailable; try again shortly."));
        } catch (InsufficientStorageException e) {
            LOG.log(System.Logger.Level.ERROR, "request {0}: {1}", requestId, e.getMessage());
            respondIfStillOpen(api, Problem.insufficientStorage());
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "request " + requestId + " failed", e);
            respondIfStillOpen(api, Problem.internal());
        } finally {
            exchange.close();
            inFlight.decrementAndGet();
            long durationNanos = System.nanoTime() - started;
            metrics.record(api.method(), api.routeTemplate(), api.status(), durationNanos);
            logAccess(api, durationNanos);
        }
    }

    /**
     * Adds the CORS headers for an allowed origin, and answers its preflight when the path is
     * served (before authentication and rate limiting: a preflight carries no credentials). True
     * when the request is answered. Any other request — a refused origin's included — goes on
     * without CORS headers, so a plain {@code OPTIONS} keeps its 405 with {@code Allow}.
     */
    private boolean answeredCrossOrigin(ApiExchange api, String rawPath, Resolution resolution) throws IOException {
        api.setHeader("Vary", "Origin");
        Optional<String> origin = cors.allowedOrigin(api);
        if (origin.isEmpty()) {
            return false;
        }
        if (CorsPolicy.isPreflight(api) && resolution.route() == null && !resolution.allowed().isEmpty()) {
            cors.answerPreflight(api, origin.get(), rawPath, resolution.allowed());
            return true;
        }
        cors.allowActualRequest(api, origin.get(), rawPath);
        return false;
    }

    /**
     * A random (version 4 layout) UUID from the thread's fast generator: a request id must be
     * unique, not unpredictable, and {@code UUID.randomUUID()}'s SecureRandom cost about a tenth
     * of a small request's time (P6 profile, ADR 0007).
     */
    static String newRequestId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (random.nextLong() & ~0xF000L) | 0x4000L;
        long low = (random.nextLong() & ~(0x3L << 62)) | (0x2L << 62);
        return new UUID(high, low).toString();
    }

    /** Refuses new requests and waits (bounded) until those already running have finished. */
    public boolean drain(Duration grace) throws InterruptedException {
        draining = true;
        long deadline = System.nanoTime() + grace.toNanos();
        while (inFlight.get() > 0) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(DRAIN_POLL_MILLIS);
        }
        return true;
    }

    /**
     * Finds the route for the method and path and binds its template (so that even a refused
     * request is counted and logged under its route); a path served only with other methods
     * binds that path's template and answers which methods it has. {@code HEAD} is served wherever
     * {@code GET} is (RFC 9110 §9.3.2): the GET endpoint runs, and {@link ApiExchange} sends its
     * headers without the body.
     */
    private Resolution resolve(ApiExchange api, String method, String rawPath) {
        Set<String> allowed = new LinkedHashSet<>();
        RequestPath path = RequestPath.of(rawPath);
        for (Route route : routes) {
            Optional<Map<String, String>> parameters = route.path().match(path);
            if (parameters.isEmpty()) {
                continue;
            }
            if (route.method().equals(method) || (HEAD.equals(method) && GET.equals(route.method()))) {
                api.bindRoute(route.path().template(), parameters.get());
                return new Resolution(route, Set.of());
            }
            if (allowed.isEmpty()) {
                api.bindRoute(route.path().template(), Map.of());
            }
            allowed.add(route.method());
            if (GET.equals(route.method())) {
                allowed.add(HEAD);
            }
        }
        return new Resolution(null, allowed);
    }

    private static void dispatch(ApiExchange api, Resolution resolution) throws IOException {
        Route route = resolution.route();
        if (route == null && resolution.allowed().isEmpty()) {
            throw new ProblemException(Problem.notFound());
        }
        if (route == null) {
            api.setHeader("Allow", String.join(", ", resolution.allowed()));
            throw new ProblemException(Problem.methodNotAllowed());
        }
        authorize(api, route.access());
        route.endpoint().handle(api);
        if (!api.responded()) {
            throw new IllegalStateException("endpoint " + route.path() + " did not respond");
        }
    }

    /** The matched route, or none and the methods the path is served with (none: unknown path). */
    private record Resolution(Route route, Set<String> allowed) {}

    private Optional<Principal> authenticate(ApiExchange api) {
        return bearerToken(api).flatMap(authentication::authenticate);
    }

    private static Optional<String> bearerToken(ApiExchange api) {
        return api.header("Authorization")
                .filter(value -> value.regionMatches(true, 0, BEARER, 0, BEARER.length())
                        && (value.length() == BEARER.length() || Character.isWhitespace(value.charAt(BEARER.length()))))
                .map(value -> value.substring(BEARER.length()).trim());
    }


    private static void authorize(ApiExchange api, Access access) {
        Optional<Principal> principal = api.optionalPrincipal();
        if (access == Access.PUBLIC) {
            return;
        }
        if (principal.isEmpty()) {
            // RFC 6750 §3.1: an error code only when a token was presented (and refused)
            api.setHeader("WWW-Authenticate", bearerToken(api).isPresent()
                    ? "Bearer error=\"invalid_token\", error_description=\"The access token is malformed, expired or revoked.\""
                    : "Bearer");
            throw new ProblemException(Problem.unauthorized());
        }
        if (access == Access.ADMIN && !principal.get().isAdmin()) {
            throw new ProblemException(Problem.forbidden());
        }
    }

    private static void respondIfStillOpen(ApiExchange api, Problem problem) {
        respondIfStillOpen(api, problem, Map.of());
    }

    private static void respondIfStillOpen(ApiExchange api, Problem problem, Map<String, Object> extensions) {
        if (api.responded()) {
            return;
        }
        try {
            api.respondProblem(problem, extensions);
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "could not send the error response of " + api.requestId(), e);
        }
    }

    private void logAccess(ApiExchange api, long durationNanos) {
        List<Object> fields = new ArrayList<>();
        fields.add(api.requestId());
        fields.add(api.method());
        fields.add(api.routeTemplate());
        fields.add(api.status());
        fields.add(durationNanos / 1_000_000.0);
        fields.add(api.optionalPrincipal().map(principal -> principal.username().value()).orElse("-"));
        fields.add(api.bytesWritten());
        fields.add(instance.value());
        ACCESS.log(System.Logger.Level.INFO,
                "request_id={0} method={1} route={2} status={3} duration_ms={4,number,0.###} user={5} bytes={6} instance={7}",
                fields.toArray());
    }
}
