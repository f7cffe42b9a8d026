package app.ret.adapters.http.pipeline;

import java.io.IOException;

@FunctionalInterface
public interface Endpoint {
    void handle(ApiExchange exchange) throws IOException;
}
