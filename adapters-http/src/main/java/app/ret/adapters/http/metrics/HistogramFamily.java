package app.ret.adapters.http.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/** A Prometheus histogram with labels and fixed bucket bounds (upper bounds, inclusive). */
final class HistogramFamily {
    private final String name;
    private final String help;
    private final List<String> labelNames;
    private final double[] bounds;
    private final ConcurrentHashMap<List<String>, Buckets> series = new ConcurrentHashMap<>();

    HistogramFamily(String name, String help, double[] bounds, String... labelNames) {
        for (int i = 1; i < bounds.length; i++) {
            if (bounds[i] <= bounds[i - 1]) {
                throw new IllegalArgumentException("bucket bounds must increase");
            }
        }
        this.name = name;
        this.help = help;
        this.bounds = bounds.clone();
        this.labelNames = List.of(labelNames);
    }

    void observe(double value, String... labelValues) {
        List<String> key = List.of(labelValues);
        if (key.size() != labelNames.size()) {
            throw new IllegalArgumentException(name + " takes labels " + labelNames);
        }
        Buckets buckets = series.get(key);
        if (buckets == null) {
            buckets = series.computeIfAbsent(key, absent -> new Buckets(bounds.length));
        }
        int index = 0;
        while (index < bounds.length && value > bounds[index]) {
            index++;
        }
        buckets.counts[index].increment();
        buckets.sum.add(value);
    }

    void writeTo(PrometheusText out) {
        out.family(name, "histogram", help);
        List<String> bucketLabels = new ArrayList<>(labelNames);
        bucketLabels.add("le");
        Map<List<String>, Buckets> sorted = new TreeMap<>(PrometheusText.LABEL_ORDER);
        sorted.putAll(series);
        sorted.forEach((values, buckets) -> {
            long cumulative = 0;
            for (int i = 0; i <= bounds.length; i++) {
                cumulative += buckets.counts[i].sum();
                List<String> bucketValues = new ArrayList<>(values);
                bucketValues.add(i < bounds.length ? PrometheusText.number(bounds[i]) : "+Inf");
                out.sample(name + "_bucket", bucketLabels, bucketValues, cumulative);
            }
            out.sample(name + "_sum", labelNames, values, buckets.sum.sum());
            out.sample(name + "_count", labelNames, values, cumulative);
        });
    }

    private static final class Buckets {
        /** One per bound plus the +Inf overflow, each counting only its own range. */
        final LongAdder[] counts;
        final DoubleAdder sum = new DoubleAdder();

        Buckets(int bounds) {
            counts = new LongAdder[bounds + 1];
            for (int i = 0; i < counts.length; i++) {
                counts[i] = new LongAdder();
            }
        }
    }
}
