package app.ret.domain.job;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * What a job's handler needs to know, as named lists of strings (a conversion's paths, its
 * format, its options). Plain values keep the queue independent of what its handlers do. A name
 * with no values is the same as an absent one.
 */
public record JobParameters(Map<String, List<String>> values) {
    public static final JobParameters NONE = new JobParameters(Map.of());
    /** The units of work a job declares when it is submitted (files, for a conversion). */
    public static final String UNITS = "units";
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,63}");

    public JobParameters {
        TreeMap<String, List<String>> sorted = new TreeMap<>();
        values.forEach((name, list) -> {
            if (name == null || !NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("parameter names must be lower-case slugs");
            }
            if (!list.isEmpty()) {
                sorted.put(name, List.copyOf(list));
            }
        });
        values = Collections.unmodifiableMap(sorted);
    }

    public static JobParameters of(String name, String value) {
        return NONE.with(name, value);
    }

    public JobParameters with(String name, String value) {
        return with(name, List.of(value));
    }

    public JobParameters with(String name, List<String> list) {
        TreeMap<String, List<String>> next = new TreeMap<>(values);
        next.put(name, list);
        return new JobParameters(next);
    }

    public List<String> all(String name) {
        return values.getOrDefault(name, List.of());
    }

    /** The value of a parameter given once; empty when absent. */
    public Optional<String> single(String name) {
        List<String> list = all(name);
        if (list.size() > 1) {
            throw new IllegalArgumentException("parameter " + name + " has " + list.size() + " values, expected one");
        }
        return list.stream().findFirst();
    }

    public JobParameters withUnits(long units) {
        if (units < 0) {
            throw new IllegalArgumentException("a job cannot declare negative units");
        }
        return with(UNITS, Long.toString(units));
    }

    /** The declared units, so a job's progress has its total from the start; 0 when none were declared. */
    public long units() {
        return single(UNITS).map(Long::parseLong).orElse(0L);
    }
}
