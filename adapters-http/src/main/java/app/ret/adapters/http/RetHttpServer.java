package app.ret.adapters.http;

import app.ret.ports.in.AuthenticateUseCase;
import app.ret.ports.in.RateLimitUseCase;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** The JDK HttpServer with one exact-matching pipeline, a fixed handler pool and slow-client limits. */
public final class RetHttpServer implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(RetHttpServer.class.getName());
    private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(10);

    private final HttpServer server;
    private final ExecutorService handlers;
    private final RequestPipeline pipeline;

    private RetHttpServer(HttpServer server, ExecutorService handlers, RequestPipeline pipeline) {
        this.server = server;
        this.handlers = handlers;
        this.pipeline = pipeline;
    }

    public static RetHttpServer start(HttpSettings settings, AuthenticateUseCase authentication, RateLimitUseCase rateLimit,
                                      List<RouteProvider> providers) {
        JdkServerProperties.apply(settings);
        List<Route> routes = new ArrayList<>();
        providers.forEach(provider -> routes.addAll(provider.routes()));
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(settings.host(), settings.port()), 0);
            ExecutorService handlers = Executors.newFixedThreadPool(settings.handlerThreads(), namedThreads());
            server.setExecutor(handlers);
            RequestPipeline pipeline = new RequestPipeline(routes, authentication, settings.trustedProxies(), new ApiRateLimiter(rateLimit));
            server.createContext("/", pipeline);
            server.start();
            LOG.log(System.Logger.Level.INFO, "listening on {0}:{1,number,#} with {2} handler threads",
                    settings.host(), server.getAddress().getPort(), settings.handlerThreads());
            return new RetHttpServer(server, handlers, pipeline);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + settings.host() + ":" + settings.port(), e);
        }
    }

    private static ThreadFactory namedThreads() {
        AtomicInteger counter = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "ret-http-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
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
