package app.ret.adapters.http.metrics;

import java.util.Set;

/**
 * Request counts by method, route template and status, and a latency histogram by method and
 * route template. Labels come from bounded sets only: a path no route matched is {@code unmatched},
 * a method outside the standard ones is {@code other}, so no client can grow the series.
 */
public final class HttpMetrics {
    /** Seconds; dense below 10 ms where the P6 target (p99 ≤ 10 ms) sits. */
    static final double[] LATENCY_BUCKETS = {
        0.0005, 0.001, 0.0025, 0.005, 0.0075, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30};
    static final String UNMATCHED = "unmatched";
    private static final Set<String> STANDARD_METHODS = Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS");
    /** Where the status is among the request counter's labels. */
    private static final int STATUS = 2;
    private static final String[] STATUS_LABELS = new String[600];

    static {
        for (int status = 0; status < STATUS_LABELS.length; status++) {
            STATUS_LABELS[status] = Integer.toString(status);
        }
    }

    private final CounterFamily requests = new CounterFamily("ret_http_requests_total",
            "HTTP requests by method, route template and status (status 0: the connection failed before a response was sent)",
            "method", "route", "status");
    private final HistogramFamily latency = new HistogramFamily("ret_http_request_duration_seconds",
            "Time from the request's arrival to its response being sent, by method and route template",
            LATENCY_BUCKETS, "method", "route");

    public void record(String method, String routeTemplate, int status, long durationNanos) {
        String methodLabel = STANDARD_METHODS.contains(method) ? method : "other";
        String statusLabel = status >= 0 && status < STATUS_LABELS.length ? STATUS_LABELS[status] : "other";
        requests.increment(methodLabel, routeTemplate, statusLabel);
        latency.observe(durationNanos / 1e9, methodLabel, routeTemplate);
    }

    /** Requests answered so far: all of them, and those answered 4xx and 5xx. */
    public RequestTotals totals() {
        return new RequestTotals(requests.sum(labels -> true), requests.sum(labels -> labels.get(STATUS).startsWith("4")),
                requests.sum(labels -> labels.get(STATUS).startsWith("5")));
    }

    public record RequestTotals(long total, long clientErrors, long serverErrors) {}

    void writeTo(PrometheusText out) {
        requests.writeTo(out);
        latency.writeTo(out);
    }
}
