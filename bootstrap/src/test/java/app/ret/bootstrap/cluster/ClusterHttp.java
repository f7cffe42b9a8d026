package app.ret.bootstrap.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** A client of the instances, as a browser behind a load balancer is: tokens and the refresh cookie carried by hand. */
public final class ClusterHttp {
    public static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private ClusterHttp() {}

    /** An authenticated session: its access token, refresh token and id. */
    public record Login(String accessToken, String refreshToken, String sessionId) {
        public Login refreshedWith(HttpResponse<String> response) {
            return new Login(json(response).get("access_token").asText(), refreshCookie(response), sessionId);
        }
    }

    public static HttpRequest.Builder request(RetInstance instance, String path) {
        return HttpRequest.newBuilder(instance.uri(path)).timeout(Duration.ofSeconds(20));
    }

    public static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static Login login(RetInstance instance, String username, String password) {
        HttpResponse<String> response = send(request(instance, "/api/auth/login").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}")));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode body = json(response);
        return new Login(body.get("access_token").asText(), refreshCookie(response), body.get("session_id").asText());
    }

    public static HttpResponse<String> loginAttempt(RetInstance instance, String username, String password) {
        return send(request(instance, "/api/auth/login").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}")));
    }

    public static HttpResponse<String> refresh(RetInstance instance, String refreshToken) {
        return send(request(instance, "/api/auth/refresh").header("Cookie", "refresh_token=" + refreshToken)
                .POST(HttpRequest.BodyPublishers.noBody()));
    }

    public static HttpResponse<String> get(RetInstance instance, String path, String accessToken) {
        return send(request(instance, path).header("Authorization", "Bearer " + accessToken).GET());
    }

    public static HttpResponse<String> delete(RetInstance instance, String path, String accessToken) {
        return send(request(instance, path).header("Authorization", "Bearer " + accessToken).DELETE());
    }

    public static HttpResponse<String> post(RetInstance instance, String path, String accessToken) {
        return send(request(instance, path).header("Authorization", "Bearer " + accessToken).POST(HttpRequest.BodyPublishers.noBody()));
    }

    public static HttpResponse<String> postJson(RetInstance instance, String path, String accessToken, String json) {
        return send(request(instance, path).header("Authorization", "Bearer " + accessToken).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    public static HttpResponse<String> putJson(RetInstance instance, String path, String accessToken, String json) {
        return send(request(instance, path).header("Authorization", "Bearer " + accessToken).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    /** {@code POST /api/files?name=…} with the raw bytes of a file. */
    public static HttpResponse<String> upload(RetInstance instance, String accessToken, String name, byte[] bytes) {
        return send(request(instance, "/api/files?name=" + URLEncoder.encode(name, StandardCharsets.UTF_8))
                .header("Authorization", "Bearer " + accessToken).header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)));
    }

    /** {@code POST /api/jobs} of a test job of {@code units} units of {@code unitMillis} each; its id. */
    public static String submitTestJob(RetInstance instance, String accessToken, int units, long unitMillis) {
        HttpResponse<String> accepted = postJson(instance, "/api/jobs", accessToken,
                "{\"type\":\"test\",\"units\":" + units + ",\"unit_millis\":" + unitMillis + "}");
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        return json(accepted).get("job_id").asText();
    }

    public static String refreshCookie(HttpResponse<String> response) {
        String cookie = response.headers().allValues("Set-Cookie").stream()
                .filter(value -> value.startsWith("refresh_token="))
                .findFirst().orElseThrow();
        return cookie.substring("refresh_token=".length(), cookie.indexOf(';'));
    }

    public static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
