package app.ret.adapters.http.pipeline;

import java.util.List;

/** A raw request path split into its segments ({@code /} has none; empty segments are kept). */
public record RequestPath(List<String> segments) {
    public RequestPath {
        segments = List.copyOf(segments);
    }

    public static RequestPath of(String rawPath) {
        if (rawPath.equals("/")) {
            return new RequestPath(List.of());
        }
        return new RequestPath(List.of(rawPath.substring(1).split("/", -1)));
    }
}
