package app.ret.adapters.postgres;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the database is, as an operator writes it: {@code postgresql://user:password@host:port/db}
 * (optionally {@code ?sslmode=…} and other driver parameters), or a {@code jdbc:postgresql:} URL
 * passed through as it is. Holds the JDBC URL without credentials and the credentials apart, so
 * that what is printed ({@link #masked}) never shows the password.
 */
public record PostgresUrl(String jdbcUrl, Optional<String> user, Optional<String> password, String masked) {
    private static final int DEFAULT_PORT = 5432;
    private static final String JDBC_PREFIX = "jdbc:postgresql:";

    public PostgresUrl {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(masked, "masked");
    }

    /** Parses either form; an invalid URL is an {@link IllegalArgumentException} saying what is wrong (never echoing a password). */
    public static PostgresUrl parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("must be postgresql://user:password@host:port/database");
        }
        String value = text.strip();
        if (value.startsWith(JDBC_PREFIX)) {
            return new PostgresUrl(value, Optional.empty(), Optional.empty(), value.replaceAll("(?i)(password=)[^&]*", "$1***"));
        }
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("is not a URL of the form postgresql://user:password@host:port/database");
        }
        if (!"postgresql".equals(uri.getScheme()) && !"postgres".equals(uri.getScheme())) {
            throw new IllegalArgumentException("must start with postgresql:// (or jdbc:postgresql:)");
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("names no host: postgresql://user:password@host:port/database");
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        if (path.length() < 2 || path.indexOf('/', 1) >= 0) {
            throw new IllegalArgumentException("names no database: postgresql://user:password@host:port/database");
        }
        int port = uri.getPort() < 0 ? DEFAULT_PORT : uri.getPort();
        String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
        String hostAndPort = uri.getHost() + ":" + port;
        String rawUserInfo = uri.getRawUserInfo() == null ? "" : uri.getRawUserInfo();
        int colon = rawUserInfo.indexOf(':');
        Optional<String> user = rawUserInfo.isEmpty() ? Optional.empty()
                : Optional.of(decode(colon < 0 ? rawUserInfo : rawUserInfo.substring(0, colon)));
        Optional<String> password = colon < 0 ? Optional.empty() : Optional.of(decode(rawUserInfo.substring(colon + 1)));
        String credentials = user.map(name -> name + (password.isPresent() ? ":***" : "") + "@").orElse("");
        return new PostgresUrl(JDBC_PREFIX + "//" + hostAndPort + path + query, user, password,
                "postgresql://" + credentials + hostAndPort + path + query);
    }

    /** Percent-decoding as in URLs ({@code +} stays a plus sign). */
    private static String decode(String raw) {
        return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return masked;
    }
}
