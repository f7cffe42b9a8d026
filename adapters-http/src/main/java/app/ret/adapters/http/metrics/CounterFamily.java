package app.ret.adapters.http.metrics;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Predicate;

/**
 * A Prometheus counter with labels. The label values must come from bounded sets (route
 * templates, normalised methods, status codes), never from raw request data.
 */
final class CounterFamily {
    private final String name;
    private final String help;
    private final List<String> labelNames;
    private final ConcurrentHashMap<List<String>, LongAdder> series = new ConcurrentHashMap<>();

    CounterFamily(String name, String help, String... labelNames) {
        this.name = name;
        this.help = help;
        this.labelNames = List.of(labelNames);
    }

    void increment(String... labelValues) {
        List<String> key = List.of(labelValues);
        if (key.size() != labelNames.size()) {
            throw new IllegalArgumentException(name + " takes labels " + labelNames);
        }
        LongAdder counter = series.get(key);
        if (counter == null) {
            counter = series.computeIfAbsent(key, absent -> new LongAdder());
        }
        counter.increment();
    }

    /** The sum of the series whose label values pass {@code filter}. */
    long sum(Predicate<List<String>> filter) {
        long total = 0;
        for (Map.Entry<List<String>, LongAdder> entry : series.entrySet()) {
            if (filter.test(entry.getKey())) {
                total += entry.getValue().sum();
            }
        }
        return total;
    }

    void writeTo(PrometheusText out) {
        out.family(name, "counter", help);
        Map<List<String>, LongAdder> sorted = new TreeMap<>(PrometheusText.LABEL_ORDER);
        sorted.putAll(series);
        sorted.forEach((values, counter) -> out.sample(name, labelNames, values, counter.sum()));
    }
}
