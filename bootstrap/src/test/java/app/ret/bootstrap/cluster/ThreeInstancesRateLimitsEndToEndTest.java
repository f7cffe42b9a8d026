package app.ret.bootstrap.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Limits hold for the system, not per instance: three instances behind a load balancer (it is the
 * trusted proxy naming each client in {@code X-Forwarded-For}) count one client's requests and
 * failed logins together.
 */
class ThreeInstancesRateLimitsEndToEndTest extends ThreeInstancesPerClass {
    private static final int LIMIT = 60;

    @BeforeAll
    static void startThree() {
        startThreeInstances(Map.of("RATE_LIMIT_REQUESTS", Integer.toString(LIMIT), "RATE_LIMIT_WINDOW_SECONDS", "600",
                "LOGIN_MAX_FAILURES", "5", "LOGIN_FAILURE_WINDOW_SECONDS", "600", "TRUSTED_PROXIES", "127.0.0.1"));
    }

    @Test
    void aClientAtThreeTimesItsLimitSpreadOverTheInstancesGetsExactlyTheLimit() throws Exception {
        List<Integer> statuses = fire("198.51.100.7", 3 * LIMIT);
        assertThat(statuses.stream().filter(status -> status != 429).count()).isEqualTo(LIMIT);
        assertThat(statuses.stream().filter(status -> status == 429).count()).isEqualTo(2L * LIMIT);
    }

    @Test
    void aClientAtHalfItsLimitIsNeverRefused() throws Exception {
        assertThat(fire("198.51.100.8", LIMIT / 2)).doesNotContain(429);
    }

    @Test
    void failedLoginsOnDifferentInstancesCountTogether() {
        for (int failure = 0; failure < 5; failure++) {
            HttpResponse<String> wrong = ClusterHttp.send(ClusterHttp.request(cluster.next(), "/api/auth/login")
                    .header("X-Forwarded-For", "198.51.100.9").header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"admin\",\"password\":\"wrong\"}")));
            assertThat(wrong.statusCode()).as("failure " + (failure + 1)).isEqualTo(401);
        }
        for (RetInstance instance : cluster.instances()) {
            HttpResponse<String> throttled = ClusterHttp.loginAttempt(instance, "admin", RetCluster.ADMIN_PASSWORD);
            assertThat(throttled.statusCode()).as("the right password on " + instance + " after five failures elsewhere").isEqualTo(429);
            assertThat(throttled.headers().firstValue("Retry-After")).isPresent();
        }
    }

    /** {@code count} requests of one client, six at a time, round-robin over the instances; their statuses. */
    private static List<Integer> fire(String client, int count) throws Exception {
        ExecutorService senders = Executors.newFixedThreadPool(6);
        try {
            List<Future<Integer>> sent = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                RetInstance instance = cluster.next();
                sent.add(senders.submit(() -> ClusterHttp.send(ClusterHttp.request(instance, "/api/auth/me")
                        .header("X-Forwarded-For", client).GET()).statusCode()));
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> status : sent) {
                statuses.add(status.get());
            }
            return statuses;
        } finally {
            senders.shutdownNow();
        }
    }
}
