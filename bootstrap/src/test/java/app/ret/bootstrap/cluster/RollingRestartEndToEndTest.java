package app.ret.bootstrap.cluster;

import static app.ret.bootstrap.cluster.ClusterHttp.get;
import static app.ret.bootstrap.cluster.ClusterHttp.json;
import static app.ret.bootstrap.cluster.ClusterHttp.login;
import static org.assertj.core.api.Assertions.assertThat;

import app.ret.bootstrap.cluster.ClusterHttp.Login;
import app.ret.bootstrap.testing.JavaProcess;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Each of three instances is stopped with SIGTERM and started again in turn while clients keep
 * writing state and submitting jobs through a load balancer (round-robin, moving on to the next
 * instance when one refuses the connection): no acknowledged write is lost, no job is lost, and the
 * only 5xx come from the instance being stopped, after it stopped accepting.
 */
class RollingRestartEndToEndTest extends ThreeInstancesPerClass {
    private static final int CLIENTS = 2;

    @BeforeAll
    static void startThree() {
        startThreeInstances(Map.of("RATE_LIMIT_REQUESTS", "1000000", "JOB_WORKERS", "1"));
    }

    @Test
    void aRollingRestartUnderTrafficLosesNoAcknowledgedWriteAndNoJob() throws Exception {
        Traffic traffic = new Traffic();
        List<Thread> clients = new ArrayList<>();
        for (int client = 0; client < CLIENTS; client++) {
            Login session = login(cluster.next(), "admin", RetCluster.ADMIN_PASSWORD);
            int number = client;
            Thread thread = new Thread(() -> traffic.run(number, session), "rolling-client-" + client);
            clients.add(thread);
            thread.start();
        }
        try {
            JavaProcess.sleep(1000);
            for (RetInstance instance : cluster.instances()) {
                traffic.stopping = instance.name();
                instance.stop();
                cluster.restart(instance);
                traffic.stopping = "";
                JavaProcess.sleep(1000);
            }
        } finally {
            traffic.running = false;
            for (Thread client : clients) {
                client.join(30_000);
            }
        }

        assertThat(traffic.unexpected).as("failures outside the stopping instance").isEmpty();
        assertThat(traffic.acknowledged).as("writes acknowledged during the restarts").hasSizeGreaterThan(50);
        for (Map.Entry<String, Acknowledged> write : traffic.acknowledged.entrySet()) {
            for (RetInstance instance : cluster.instances()) {
                assertThat(get(instance, "/api/session/state/" + write.getKey(), write.getValue().accessToken()).body())
                        .as("acknowledged write " + write.getKey() + " on " + instance).isEqualTo(write.getValue().value());
            }
        }
        assertThat(traffic.jobs).as("jobs accepted during the restarts").isNotEmpty();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        for (Acknowledged job : traffic.jobs) {
            String status;
            do {
                status = json(get(cluster.next(), "/api/jobs/" + job.value(), job.accessToken())).get("status").asText();
                assertThat(System.nanoTime()).as("job " + job.value() + " still " + status).isLessThan(deadline);
                if (!status.equals("succeeded")) {
                    JavaProcess.sleep(50);
                }
            } while (!status.equals("succeeded"));
        }
        System.out.printf("rolling restart: %d writes and %d jobs acknowledged, %d requests refused by the stopping instance%n",
                traffic.acknowledged.size(), traffic.jobs.size(), traffic.refusedWhileStopping.get());
    }

    /** What a client was told succeeded: a state key's value, or a job's id. */
    record Acknowledged(String accessToken, String value) {}

    /** The clients' loop: a state PUT per turn, a job submission every fifth; what the load balancer saw. */
    private static final class Traffic {
        final Map<String, Acknowledged> acknowledged = new ConcurrentHashMap<>();
        final List<Acknowledged> jobs = new CopyOnWriteArrayList<>();
        final List<String> unexpected = new CopyOnWriteArrayList<>();
        final AtomicInteger refusedWhileStopping = new AtomicInteger();
        volatile boolean running = true;
        volatile String stopping = "";

        void run(int client, Login session) {
            for (int turn = 0; running; turn++) {
                String key = "c" + client + "-" + turn;
                String value = Integer.toString(turn);
                HttpResponse<String> put = balanced(instance -> ClusterHttp.request(instance, "/api/session/state/" + key)
                        .header("Authorization", "Bearer " + session.accessToken()).header("Content-Type", "application/json")
                        .PUT(HttpRequest.BodyPublishers.ofString(value)));
                if (put != null && put.statusCode() == 204) {
                    acknowledged.put(key, new Acknowledged(session.accessToken(), value));
                }
                if (turn % 5 == 0) {
                    HttpResponse<String> submitted = balanced(instance -> ClusterHttp.request(instance, "/api/jobs")
                            .header("Authorization", "Bearer " + session.accessToken()).header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString("{\"type\":\"test\",\"units\":5,\"unit_millis\":100}")));
                    if (submitted != null && submitted.statusCode() == 202) {
                        jobs.add(new Acknowledged(session.accessToken(), json(submitted).get("job_id").asText()));
                    }
                }
                JavaProcess.sleep(20);
            }
        }

        /** Sends to the next instance; a refused connection or a 503 from the stopping instance moves on, as a load balancer does. */
        HttpResponse<String> balanced(Function<RetInstance, HttpRequest.Builder> request) {
            for (int tries = 0; tries < 3; tries++) {
                RetInstance instance = cluster.next();
                boolean beingStopped = instance.name().equals(stopping);
                try {
                    HttpResponse<String> response = ClusterHttp.send(request.apply(instance));
                    if (response.statusCode() < 500) {
                        return response;
                    }
                    if (response.statusCode() == 503 && beingStopped) {
                        refusedWhileStopping.incrementAndGet();
                        continue;
                    }
                    unexpected.add(instance + " answered " + response.statusCode() + ": " + response.body());
                    return response;
                } catch (UncheckedIOException refused) {
                    if (beingStopped || !instance.alive()) {
                        refusedWhileStopping.incrementAndGet();
                        continue;
                    }
                    unexpected.add(instance + " failed: " + refused.getCause());
                }
            }
            return null;
        }
    }
}
