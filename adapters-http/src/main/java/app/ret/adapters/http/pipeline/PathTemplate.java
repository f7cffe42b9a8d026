package app.ret.adapters.http.pipeline;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An exact route path such as {@code /api/jobs/{id}}: literal segments match exactly, {@code {name}}
 * matches one segment, and a final {@code {name*}} matches the rest (one or more segments). The
 * JDK server matches contexts by prefix; this is what makes {@code /api/filesX} a 404.
 */
public final class PathTemplate {
    private final String template;
    private final List<String> segments;

    private PathTemplate(String template, List<String> segments) {
        this.template = template;
        this.segments = segments;
    }

    public static PathTemplate parse(String template) {
        if (!template.startsWith("/")) {
            throw new IllegalArgumentException("a path template starts with /: " + template);
        }
        List<String> segments = RequestPath.of(template).segments();
        for (int i = 0; i < segments.size() - 1; i++) {
            if (isGreedy(segments.get(i))) {
                throw new IllegalArgumentException("only the last segment may be greedy: " + template);
            }
        }
        return new PathTemplate(template, segments);
    }

    public String template() {
        return template;
    }

    /** The decoded parameters when the raw request path matches exactly. */
    public Optional<Map<String, String>> match(String rawPath) {
        return match(RequestPath.of(rawPath));
    }

    /**
     * The same for a path split once per request: a request is tried against every route, so
     * neither the split nor the parameters are paid for by the routes that do not match.
     */
    public Optional<Map<String, String>> match(RequestPath path) {
        List<String> parts = path.segments();
        if (!matches(parts)) {
            return Optional.empty();
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        for (int i = 0; i < segments.size(); i++) {
            String segment = segments.get(i);
            if (isGreedy(segment)) {
                List<String> rest = new ArrayList<>();
                for (String part : parts.subList(i, parts.size())) {
                    rest.add(decode(part));
                }
                parameters.put(name(segment), String.join("/", rest));
            } else if (isParameter(segment)) {
                parameters.put(name(segment), decode(parts.get(i)));
            }
        }
        return Optional.of(parameters);
    }

    private boolean matches(List<String> parts) {
        for (int i = 0; i < segments.size(); i++) {
            String segment = segments.get(i);
            if (isGreedy(segment)) {
                return parts.size() > i;
            }
            if (i >= parts.size()) {
                return false;
            }
            String part = parts.get(i);
            if (isParameter(segment) ? part.isEmpty() : !segment.equals(part)) {
                return false;
            }
        }
        return parts.size() == segments.size();
    }

    private static boolean isParameter(String segment) {
        return segment.startsWith("{") && segment.endsWith("}");
    }

    private static boolean isGreedy(String segment) {
        return isParameter(segment) && segment.endsWith("*}");
    }

    private static String name(String segment) {
        return segment.substring(1, segment.length() - (isGreedy(segment) ? 2 : 1));
    }

    /** Percent-decoding for path segments ('+' stays '+'); malformed escapes are kept literally. */
    static String decode(String segment) {
        if (segment.indexOf('%') < 0) {
            return segment;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            if (c == '%' && i + 2 < segment.length() && isHex(segment.charAt(i + 1)) && isHex(segment.charAt(i + 2))) {
                bytes.write(Integer.parseInt(segment, i + 1, i + 3, 16));
                i += 2;
            } else {
                byte[] encoded = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                bytes.write(encoded, 0, encoded.length);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static boolean isHex(char c) {
        return Character.digit(c, 16) >= 0;
    }

    @Override
    public String toString() {
        return template;
    }
}
