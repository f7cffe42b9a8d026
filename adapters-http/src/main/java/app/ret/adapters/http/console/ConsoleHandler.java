package app.ret.adapters.http.console;

import app.ret.adapters.http.console.ConsoleAssets.Asset;
import app.ret.adapters.http.pipeline.Access;
import app.ret.adapters.http.pipeline.ApiExchange;
import app.ret.adapters.http.pipeline.Problem;
import app.ret.adapters.http.pipeline.ProblemException;
import app.ret.adapters.http.pipeline.Route;
import app.ret.adapters.http.pipeline.RouteProvider;
import java.io.IOException;
import java.util.List;

/**
 * The web console: {@code /} and {@code /api/docs} are pages that are never cached (they name the
 * current assets), {@code /assets/<version>/<file>} are cached for a year (their URL changes with
 * their content). Pages carry a strict Content-Security-Policy: only this origin's scripts, styles
 * and connections, no inline script or style, no framing.
 */
public final class ConsoleHandler implements RouteProvider {
    static final String PAGE_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
    private static final String IMMUTABLE = "public, max-age=31536000, immutable";

    private final ConsoleAssets assets;

    public ConsoleHandler(ConsoleAssets assets) {
        this.assets = assets;
    }

    @Override
    public List<Route> routes() {
        return List.of(
                Route.of("GET", "/", Access.PUBLIC, exchange -> page(exchange, "index.html")),
                Route.of("GET", "/api/docs", Access.PUBLIC, exchange -> page(exchange, "docs.html")),
                Route.of("GET", "/assets/{version}/{name}", Access.PUBLIC, this::asset));
    }

    private void page(ApiExchange exchange, String name) throws IOException {
        Asset page = assets.find(name).orElseThrow(() -> new IllegalStateException("the console has no " + name));
        exchange.setHeader("Cache-Control", "no-store");
        exchange.setHeader("Content-Security-Policy", PAGE_POLICY);
        exchange.setHeader("Referrer-Policy", "no-referrer");
        exchange.respondBytes(200, page.contentType(), page.bytes());
    }

    private void asset(ApiExchange exchange) throws IOException {
        if (!assets.version().equals(exchange.pathParameter("version"))) {
            throw new ProblemException(Problem.notFound());
        }
        Asset asset = assets.find(exchange.pathParameter("name")).orElseThrow(() -> new ProblemException(Problem.notFound()));
        exchange.setHeader("Cache-Control", IMMUTABLE);
        exchange.setHeader("ETag", asset.etag());
        if (exchange.header("If-None-Match").filter(asset.etag()::equals).isPresent()) {
            exchange.respondEmpty(304);
            return;
        }
        exchange.respondBytes(200, asset.contentType(), asset.bytes());
    }
}
