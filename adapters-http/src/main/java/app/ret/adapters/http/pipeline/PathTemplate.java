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
 * matches one segment, and one {@code {name*}} matches one or more segments — the rest of the path,
 * or all but the literal segments that follow it ({@code /api/files/{path*}/preview}). The JDK
 * server matches contexts by prefix; this is what makes {@code /api/filesX} a 404.
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
        List<String> segments = split(template);
        for (int i = 0; i < segments.size(); i++) {
            if (isGreedy(segments.get(i)) && segments.subList(i + 1, segments.size()).stream().anyMatch(PathTemplate::isParameter)) {
                throw new IllegalArgumentException("only literal segments may follow a greedy one: " + template);
            }
        }
        return new PathTemplate(template, segments);
    }

    public String template() {
        return template;
    }

    /** The decoded parameters when the raw request path matches exactly. */
    public Optional<Map<String, String>> match(String rawPath) {
        List<String> parts = split(rawPath);
        Map<String, String> parameters = new LinkedHashMap<>();
        for (int i = 0; i < segments.size(); i++) {
            String segment = segments.get(i);
            if (isGreedy(segment)) {
                return matchGreedy(parts, i, parameters);
            }
            if (i >= parts.size() || !matchOne(segment, parts.get(i), parameters)) {
                return Optional.empty();
            }
        }
        return parts.size() == segments.size() ? Optional.of(parameters) : Optional.empty();
    }

    /** The greedy segment at {@code at} takes every part but those its literal tail needs, at least one. */
    private Optional<Map<String, String>> matchGreedy(List<String> parts, int at, Map<String, String> parameters) {
        List<String> tail = segments.subList(at + 1, segments.size());
        int end = parts.size() - tail.size();
        if (end <= at || !parts.subList(end, parts.size()).equals(tail)) {
            return Optional.empty();
        }
        List<String> taken = new ArrayList<>();
        for (String part : parts.subList(at, end)) {
            taken.add(decode(part));
        }
        parameters.put(name(segments.get(at)), String.join("/", taken));
        return Optional.of(parameters);
    }

    private static boolean matchOne(String segment, String part, Map<String, String> parameters) {
        if (!isParameter(segment)) {
            return segment.equals(part);
        }
        if (part.isEmpty()) {
            return false;
        }
        parameters.put(name(segment), decode(part));
        return true;
    }

    private static List<String> split(String path) {
        List<String> parts = new ArrayList<>(List.of(path.substring(1).split("/", -1)));
        if (path.equals("/")) {
            parts.clear();
        }
        return parts;
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
