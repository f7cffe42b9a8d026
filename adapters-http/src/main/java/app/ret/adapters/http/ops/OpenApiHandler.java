package app.ret.adapters.http.ops;

import app.ret.adapters.http.pipeline.Access;
import app.ret.adapters.http.pipeline.ApiExchange;
import app.ret.adapters.http.pipeline.Route;
import app.ret.adapters.http.pipeline.RouteProvider;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/** Serves the OpenAPI document kept beside the code ({@code openapi.json} on the class path). */
public final class OpenApiHandler implements RouteProvider {
    public static final String RESOURCE = "/openapi.json";

    private final byte[] document;

    public OpenApiHandler() {
        this.document = load();
    }

    static byte[] load() {
        try (InputStream in = OpenApiHandler.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("openapi.json missing from the class path");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public List<Route> routes() {
        return List.of(Route.of("GET", "/api/openapi.json", Access.PUBLIC, this::serve));
    }

    private void serve(ApiExchange exchange) throws IOException {
        exchange.respondBytes(200, ApiExchange.JSON, document);
    }
}
