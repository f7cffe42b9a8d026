package app.ret.adapters.http.pipeline;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Which browser origins may call the API ({@code CORS_ORIGINS}): exact origins only, echoed back
 * one at a time, never {@code *}. An origin not on the list gets no CORS header at all, so the
 * browser keeps the response from its page. Credentials (the refresh cookie) are allowed only on
 * {@code /api/auth/*}, the one place a cookie is used; every other route authenticates with a
 * bearer token a page sends explicitly.
 */
public final class CorsPolicy {
    static final String ALLOWED_HEADERS = "Authorization, Content-Type, X-Request-Id";
    static final String EXPOSED_HEADERS = String.join(", ", "X-Request-Id", "X-RateLimit-Limit", "X-RateLimit-Remaining",
            "X-RateLimit-Reset", "RateLimit", "RateLimit-Policy", "Retry-After", "Content-Disposition", "ETag");
    static final long MAX_AGE_SECONDS = 600;
    private static final String COOKIE_ROUTES = "/api/auth/";
    private static final CorsPolicy NONE = new CorsPolicy(Set.of());

    private final Set<String> origins;

    private CorsPolicy(Set<String> origins) {
        this.origins = Set.copyOf(origins);
    }

    public static CorsPolicy none() {
        return NONE;
    }

    /** Each entry must be an origin: {@code http} or {@code https}, a host, an optional port, nothing else. */
    public static CorsPolicy parse(List<String> entries) {
        Set<String> origins = new LinkedHashSet<>();
        for (String entry : entries) {
            origins.add(normalise(entry.trim()));
        }
        return new CorsPolicy(origins);
    }

    private static String normalise(String origin) {
        URI uri;
        try {
            uri = new URI(origin.endsWith("/") ? origin.substring(0, origin.length() - 1) : origin);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("'" + origin + "' is not an origin like https://app.example.com");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if ((!scheme.equals("http") && !scheme.equals("https")) || uri.getHost() == null || uri.getRawUserInfo() != null
                || !uri.getRawPath().isEmpty() || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException("'" + origin + "' is not an origin like https://app.example.com (scheme, host and port only)");
        }
        return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
    }

    boolean isEmpty() {
        return origins.isEmpty();
    }

    /** The request's {@code Origin} when it is on the list. */
    Optional<String> allowedOrigin(ApiExchange api) {
        return api.header("Origin").filter(origins::contains);
    }

    static boolean isPreflight(ApiExchange api) {
        return api.method().equals("OPTIONS") && api.header("Origin").isPresent()
                && api.header("Access-Control-Request-Method").isPresent();
    }

    /** Lets the allowed origin's page read this response (and its headers). */
    void allowActualRequest(ApiExchange api, String origin, String rawPath) {
        allowOrigin(api, origin, rawPath);
        api.setHeader("Access-Control-Expose-Headers", EXPOSED_HEADERS);
    }

    /** Answers a preflight from an allowed origin for a path served with {@code methods}. */
    void answerPreflight(ApiExchange api, String origin, String rawPath, Set<String> methods) throws IOException {
        allowOrigin(api, origin, rawPath);
        api.setHeader("Access-Control-Allow-Methods", String.join(", ", methods));
        api.setHeader("Access-Control-Allow-Headers", ALLOWED_HEADERS);
        api.setHeader("Access-Control-Max-Age", Long.toString(MAX_AGE_SECONDS));
        api.respondEmpty(204);
    }

    private static void allowOrigin(ApiExchange api, String origin, String rawPath) {
        api.setHeader("Access-Control-Allow-Origin", origin);
        if (rawPath.startsWith(COOKIE_ROUTES)) {
            api.setHeader("Access-Control-Allow-Credentials", "true");
        }
    }
}
