package app.ret.adapters.http;

import app.ret.ports.in.AuthenticateUseCase;
import app.ret.ports.in.Principal;
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
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * Every request passes here: request id and security headers, the client's address and identity,
 * the rate limit on {@code /api}, exact routing (404 / 405 with Allow), role checks, the endpoint,
 * and one place that turns failures into problem+json without leaking internals.
 */
final class RequestPipeline implements HttpHandler {
    private static final System.Logger LOG = System.getLogger(RequestPipeline.class.getName());
    private static final System.Logger ACCESS = System.getLogger("app.ret.access");
    private static final Pattern CLIENT_REQUEST_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
    private static final String BEARER = "Bearer ";
    private static final long DRAIN_POLL_MILLIS = 10;

    private final List<Route> routes;
    private final AuthenticateUseCase authentication;
    private final TrustedProxies trustedProxies;
    private final ApiRateLimiter rateLimiter;
    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile boolean draining;

    RequestPipeline(List<Route> routes, AuthenticateUseCase authentication, TrustedProxies trustedProxies,
                    ApiRateLimiter rateLimiter) {
        this.routes = List.copyOf(routes);
        this.authentication = authentication;
        this.trustedProxies = trustedProxies;
        this.rateLimiter = rateLimiter;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        long started = System.nanoTime();
        String requestId = Optional.ofNullable(exchange.getRequestHeaders().getFirst("X-Request-Id"))
                .filter(candidate -> CLIENT_REQUEST_ID.matcher(candidate).matches())
                .orElseGet(() -> UUID.randomUUID().toString());
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
            api.bindClientAddress(trustedProxies.clientAddress(exchange.getRemoteAddress().getAddress(),
                    exchange.getRequestHeaders().getOrDefault("X-Forwarded-For", List.of())));
            api.bindPrincipal(authenticate(api));
            if (apiRoute) {
                rateLimiter.admit(api);
            }
            dispatch(api, exchange.getRequestMethod(), rawPath);
        } catch (ProblemException e) {
            respondIfStillOpen(api, e.problem());
        } catch (RuntimeException | IOException e) {
            LOG.log(System.Logger.Level.ERROR, "request " + requestId + " failed", e);
            respondIfStillOpen(api, Problem.internal());
        } finally {
            exchange.close();
            inFlight.decrementAndGet();
            logAccess(api, started);
        }
    }

    /** Refuses new requests and waits (bounded) until those already running have finished. */
    boolean drain(Duration grace) throws InterruptedException {
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

    private void dispatch(ApiExchange api, String method, String rawPath) throws IOException {
        Set<String> allowed = new LinkedHashSet<>();
        for (Route route : routes) {
            Optional<Map<String, String>> parameters = route.path().match(rawPath);
            if (parameters.isEmpty()) {
                continue;
            }
            if (!route.method().equals(method)) {
                allowed.add(route.method());
                continue;
            }
            api.bindRoute(route.path().template(), parameters.get());
            authorize(api, route.access());
            route.endpoint().handle(api);
            if (!api.responded()) {
                throw new IllegalStateException("endpoint " + route.path() + " did not respond");
            }
            return;
        }
        if (allowed.isEmpty()) {
            throw new ProblemException(Problem.notFound());
        }
        api.setHeader("Allow", String.join(", ", allowed));
        throw new ProblemException(Problem.methodNotAllowed());
    }

    private Optional<Principal> authenticate(ApiExchange api) {
        return api.header("Authorization")
                .filter(value -> value.regionMatches(true, 0, BEARER, 0, BEARER.length()))
                .map(value -> value.substring(BEARER.length()).trim())
                .flatMap(authentication::authenticate);
    }

    private static void authorize(ApiExchange api, Access access) {
        Optional<Principal> principal = api.optionalPrincipal();
        if (access == Access.PUBLIC) {
            return;
        }
        if (principal.isEmpty()) {
            api.setHeader("WWW-Authenticate", "Bearer");
            throw new ProblemException(Problem.unauthorized());
        }
        if (access == Access.ADMIN && !principal.get().isAdmin()) {
            throw new ProblemException(Problem.forbidden());
        }
    }

    private static void respondIfStillOpen(ApiExchange api, Problem problem) {
        if (api.responded()) {
            return;
        }
        try {
            api.respondProblem(problem);
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "could not send the error response of " + api.requestId(), e);
        }
    }

    private static void logAccess(ApiExchange api, long startedNanos) {
        List<Object> fields = new ArrayList<>();
        fields.add(api.requestId());
        fields.add(api.method());
        fields.add(api.routeTemplate());
        fields.add(api.status());
        fields.add((System.nanoTime() - startedNanos) / 1_000_000.0);
        fields.add(api.optionalPrincipal().map(principal -> principal.username().value()).orElse("-"));
        fields.add(api.bytesWritten());
        ACCESS.log(System.Logger.Level.INFO, "request_id={0} method={1} route={2} status={3} duration_ms={4,number,0.###} user={5} bytes={6}",
                fields.toArray());
    }
}
