package app.ret.adapters.http.pipeline;

import java.util.Objects;

public record Route(String method, PathTemplate path, Access access, Endpoint endpoint) {
    public Route {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(access, "access");
        Objects.requireNonNull(endpoint, "endpoint");
    }

    public static Route of(String method, String template, Access access, Endpoint endpoint) {
        return new Route(method, PathTemplate.parse(template), access, endpoint);
    }
}
