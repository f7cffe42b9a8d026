package app.ret.adapters.http;

import app.ret.adapters.http.auth.AuthHandler;
import app.ret.adapters.http.metrics.HttpMetrics;
import app.ret.adapters.http.ops.HealthHandler;
import app.ret.adapters.http.pipeline.ApiRateLimiter;
import app.ret.adapters.http.pipeline.JsonCodec;
import app.ret.adapters.http.pipeline.RequestPipeline;
import app.ret.adapters.http.pipeline.Route;
import app.ret.adapters.http.pipeline.RouteProvider;
import app.ret.ports.in.AuthenticateUseCase;
import app.ret.ports.in.RateLimitUseCase;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** The JDK HttpServer with one exact-matching pipeline, a fixed handler pool and slow-client limits. */
public final class RetHttpServer implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(RetHttpServer.class.getName());
    private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(10);
    private static final long IDLE_THREAD_SECONDS = 30;

    private final HttpServer server;
    private final ExecutorService handlers;
    private final RequestPipeline pipeline;

    private RetHttpServer(HttpServer server, ExecutorService handlers, RequestPipeline pipeline) {
        this.server = server;
        this.handlers = handlers;
        this.pipeline = pipeline;
    }

    public static RetHttpServer start(HttpSettings settings, AuthenticateUseCase authentication, RateLimitUseCase rateLimit,
                                      HttpMetrics metrics, List<RouteProvider> providers) {
        JdkServerProperties.apply(settings);
        List<Route> routes = new ArrayList<>();
        providers.forEach(provider -> routes.addAll(provider.routes()));
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(settings.host(), settings.port()), 0);
            ExecutorService handlers = elasticPool(settings.handlerThreads());
            server.setExecutor(handlers);
            RequestPipeline pipeline = new RequestPipeline(routes, authentication, settings.trustedProxies(),
                    new ApiRateLimiter(rateLimit), settings.cors(), metrics, settings.instance());
            server.createContext("/", pipeline);
            server.start();
            LOG.log(System.Logger.Level.INFO, "listening on {0}:{1,number,#} with {2} handler threads",
                    settings.host(), server.getAddress().getPort(), settings.handlerThreads());
            return new RetHttpServer(server, handlers, pipeline);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + settings.host() + ":" + settings.port(), e);
        }
    }

    /**
     * The JDK server runs each exchange — reading the request head and body from the socket,
     * blocking — on this executor. A fixed pool lets as many slow clients as it has threads
     * (slowloris, slow bodies) stall every other request until the request time limit cuts them
     * (R5), so the pool keeps {@code handlerThreads} ready and grows past them while clients are
     * slow, up to one thread per allowed connection, shrinking back when idle.
     */
    private static ExecutorService elasticPool(int handlerThreads) {
        return new GrowWhenBusyExecutor(handlerThreads, Math.max(handlerThreads, JdkServerProperties.MAX_CONNECTIONS),
                IDLE_THREAD_SECONDS, namedThreads());
    }

    private static ThreadFactory namedThreads() {
        AtomicInteger counter = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "ret-http-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /**
     * Initialises the JSON mapper — record serialisers, the request parser — on a background
     * thread, so a new process does it while start-up opens the database instead of on its first
     * request (a fifth of the time to the first {@code /readyz} 200 before; P9, ADR 0007).
     */
    public static void warmUpInBackground() {
        Thread warmUp = new Thread(() -> {
            JsonCodec.write(new HealthHandler.ReadyStatus("ready", "warm-up", Map.of("database", "ok")));
            try {
                JsonCodec.read(new ByteArrayInputStream("{\"username\":\"u\",\"password\":\"p\"}".getBytes(StandardCharsets.UTF_8)),
                        AuthHandler.LoginRequest.class);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, "ret-warm-up");
        warmUp.setDaemon(true);
        warmUp.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /**
     * Refuses new requests with 503, lets in-flight ones finish (bounded), then stops. The JDK 17
     * server's own {@code stop(delay)} always waits the whole delay, so the waiting is done here.
     */
    @Override
    public void close() {
        try {
            if (!pipeline.drain(SHUTDOWN_GRACE)) {
                LOG.log(System.Logger.Level.WARNING, "requests still running after {0}; stopping anyway", SHUTDOWN_GRACE);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        server.stop(0);
        handlers.shutdownNow();
    }
}
