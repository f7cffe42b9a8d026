package app.ret.adapters.http.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class HttpMetricsTest {
    private static String exposition(HttpMetrics metrics) {
        PrometheusText out = new PrometheusText();
        metrics.writeTo(out);
        return out.toString();
    }

    @Test
    void requestsAreCountedByMethodRouteAndStatus() {
        HttpMetrics metrics = new HttpMetrics();
        metrics.record("GET", "/healthz", 200, 1_000_000);
        metrics.record("GET", "/healthz", 200, 1_000_000);
        metrics.record("POST", "/api/auth/login", 401, 1_000_000);

        assertThat(exposition(metrics)).contains(
                "# TYPE ret_http_requests_total counter\n",
                "ret_http_requests_total{method=\"GET\",route=\"/healthz\",status=\"200\"} 2\n",
                "ret_http_requests_total{method=\"POST\",route=\"/api/auth/login\",status=\"401\"} 1\n");
    }

    @Test
    void labelsStayBoundedWhateverTheClientSends() {
        HttpMetrics metrics = new HttpMetrics();
        metrics.record("BREW", HttpMetrics.UNMATCHED, 404, 1);
        metrics.record("X-ANYTHING-" + "A".repeat(50), HttpMetrics.UNMATCHED, 404, 1);
        metrics.record("GET", "/healthz", 0, 1);

        assertThat(exposition(metrics))
                .contains("ret_http_requests_total{method=\"other\",route=\"unmatched\",status=\"404\"} 2\n",
                        "ret_http_requests_total{method=\"GET\",route=\"/healthz\",status=\"0\"} 1\n")
                .doesNotContain("BREW", "X-ANYTHING");
    }

    @Test
    void latencyBucketsAreCumulativeAndABoundIsInclusive() {
        HttpMetrics metrics = new HttpMetrics();
        metrics.record("GET", "/healthz", 200, 1_000_000);      // exactly 1 ms: in le="0.001"
        metrics.record("GET", "/healthz", 200, 3_000_000);      // 3 ms: first in le="0.005"
        metrics.record("GET", "/healthz", 200, 60_000_000_000L); // past the last bound: only +Inf

        String text = exposition(metrics);
        assertThat(text).contains(
                "# TYPE ret_http_request_duration_seconds histogram\n",
                "ret_http_request_duration_seconds_bucket{method=\"GET\",route=\"/healthz\",le=\"0.0005\"} 0\n",
                "ret_http_request_duration_seconds_bucket{method=\"GET\",route=\"/healthz\",le=\"0.001\"} 1\n",
                "ret_http_request_duration_seconds_bucket{method=\"GET\",route=\"/healthz\",le=\"0.0025\"} 1\n",
                "ret_http_request_duration_seconds_bucket{method=\"GET\",route=\"/healthz\",le=\"0.005\"} 2\n",
                "ret_http_request_duration_seconds_bucket{method=\"GET\",route=\"/healthz\",le=\"30\"} 2\n",
                "ret_http_request_duration_seconds_bucket{method=\"GET\",route=\"/healthz\",le=\"+Inf\"} 3\n",
                "ret_http_request_duration_seconds_sum{method=\"GET\",route=\"/healthz\"} 60.004\n",
                "ret_http_request_duration_seconds_count{method=\"GET\",route=\"/healthz\"} 3\n");
    }

    @Test
    void labelValuesAndHelpAreEscaped() {
        PrometheusText out = new PrometheusText();
        out.family("x_total", "counter", "a \\ help\nline");
        out.sample("x_total", List.of("a"), List.of("quote \" back \\ new\nline"), 1);
        assertThat(out.toString()).isEqualTo("# HELP x_total a \\\\ help\\nline\n# TYPE x_total counter\n"
                + "x_total{a=\"quote \\\" back \\\\ new\\nline\"} 1\n");
    }

    @Test
    void numbersAreWrittenPlainly() {
        assertThat(PrometheusText.number(1)).isEqualTo("1");
        assertThat(PrometheusText.number(0.0005)).isEqualTo("0.0005");
        assertThat(PrometheusText.number(1e-7)).isEqualTo("0.0000001");
        assertThat(PrometheusText.number(2.5)).isEqualTo("2.5");
        assertThat(PrometheusText.number(Double.POSITIVE_INFINITY)).isEqualTo("+Inf");
        assertThat(PrometheusText.number(Double.NaN)).isEqualTo("NaN");
    }

    @Test
    void bucketBoundsMustIncrease() {
        assertThatThrownBy(() -> new HistogramFamily("h", "h", new double[] {1, 1}, "a"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
