package app.ret.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import app.ret.bootstrap.RunningRet.Login;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AuthEndToEndTest extends ServerPerTestFixture {

    @Test
    void loginReturnsTokensACookieAndAWorkspace() {
        HttpResponse<String> response = ret.postJson("/api/auth/login", "{\"username\":\"admin\",\"password\":\"" + RunningRet.ADMIN_PASSWORD + "\"}");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = RunningRet.json(response);
        assertThat(body.get("token_type").asText()).isEqualTo("bearer");
        assertThat(body.get("expires_in").asLong()).isEqualTo(30 * 60);
        assertThat(body.get("user").get("username").asText()).isEqualTo("admin");
        assertThat(body.get("user").get("role").asText()).isEqualTo("admin");
        String sessionId = body.get("session_id").asText();
        assertThat(sessionId).matches("[0-9a-f]{32}");
        assertThat(ret.sessionDirectory(sessionId).resolve("input")).isDirectory();
        assertThat(ret.sessionDirectory(sessionId).resolve("output")).isDirectory();
        String cookie = response.headers().allValues("Set-Cookie").stream().filter(value -> value.startsWith("refresh_token="))
                .findFirst().orElseThrow();
        assertThat(cookie).contains("; HttpOnly", "; SameSite=Strict", "; Path=/api/auth", "; Max-Age=43200")
                .doesNotContain("Secure");
        assertThat(response.headers().firstValue("Cache-Control")).contains("no-store");
        assertThat(response.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        assertThat(response.headers().firstValue("Content-Security-Policy")).contains("default-src 'none'; frame-ancestors 'none'");
        assertThat(response.headers().firstValue("X-Request-Id")).isPresent();
    }

    @Test
    void everyLoginStartsANewSession() {
        Login first = ret.loginAsAdmin();
        Login second = ret.loginAsAdmin();
        assertThat(first.sessionId()).isNotEqualTo(second.sessionId());
        assertThat(ret.get("/api/auth/me", first.accessToken()).statusCode()).isEqualTo(200);
        assertThat(ret.get("/api/auth/me", second.accessToken()).statusCode()).isEqualTo(200);
    }

    @Test
    void unknownUserAndWrongPasswordGetTheSame401() {
        HttpResponse<String> unknown = ret.postJson("/api/auth/login", "{\"username\":\"nobody\",\"password\":\"whatever-1\"}");
        HttpResponse<String> wrong = ret.postJson("/api/auth/login", "{\"username\":\"admin\",\"password\":\"whatever-1\"}");

        assertThat(unknown.statusCode()).isEqualTo(401);
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(unknown.headers().firstValue("Content-Type")).contains("application/problem+json");
        JsonNode a = RunningRet.json(unknown);
        JsonNode b = RunningRet.json(wrong);
        ((ObjectNode) a).remove("request_id");
        ((ObjectNode) b).remove("request_id");
        assertThat(a).isEqualTo(b);
        assertThat(a.get("code").asText()).isEqualTo("unauthorized");
        assertThat(a.get("status").asInt()).isEqualTo(401);
    }

    @Test
    void malformedLoginBodiesAre400() {
        assertThat(ret.postJson("/api/auth/login", "{not json").statusCode()).isEqualTo(400);
        assertThat(ret.postJson("/api/auth/login", "{\"username\":\"admin\"}").statusCode()).isEqualTo(400);
        assertThat(ret.postJson("/api/auth/login", "[]").statusCode()).isEqualTo(400);
        HttpResponse<String> wrongType = ret.send(ret.request("/api/auth/login").header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("{}")));
        assertThat(wrongType.statusCode()).isEqualTo(415);
        assertThat(RunningRet.json(ret.postJson("/api/auth/login", "{}")).get("code").asText()).isEqualTo("validation_failed");
    }

    @Test
    void meDescribesTheSession() {
        Login login = ret.loginAsAdmin();
        HttpResponse<String> me = ret.get("/api/auth/me", login.accessToken());
        assertThat(me.statusCode()).isEqualTo(200);
        JsonNode body = RunningRet.json(me);
        assertThat(body.get("username").asText()).isEqualTo("admin");
        assertThat(body.get("role").asText()).isEqualTo("admin");
        assertThat(body.get("session_id").asText()).isEqualTo(login.sessionId());
        assertThat(body.get("created_at").asText()).isEqualTo("2026-11-25T12:00:00Z");
        assertThat(body.get("idle_expires_at").asText()).isEqualTo("2026-11-25T13:00:00Z");
        assertThat(body.get("absolute_expires_at").asText()).isEqualTo("2026-11-26T00:00:00Z");
    }

    @Test
    void logoutMakesBothTokensUselessAndRemovesTheDirectory() throws Exception {
        Login login = ret.loginAsAdmin();
        Path input = ret.sessionDirectory(login.sessionId()).resolve("input");
        Files.write(input.resolve("a.xml"), new byte[100]);
        Files.write(input.resolve("b.xml"), new byte[23]);

        HttpResponse<String> logout = ret.post("/api/auth/logout", login.accessToken());

        assertThat(logout.statusCode()).isEqualTo(200);
        JsonNode body = RunningRet.json(logout);
        assertThat(body.get("session_id").asText()).isEqualTo(login.sessionId());
        assertThat(body.get("removed").get("files").asLong()).isEqualTo(2);
        assertThat(body.get("removed").get("bytes").asLong()).isEqualTo(123);
        assertThat(body.get("removed").has("cache_entries")).isTrue();
        assertThat(body.get("removed").has("jobs")).isTrue();
        assertThat(body.get("removed").has("index_documents")).isTrue();
        assertThat(body.get("refresh_tokens_revoked").asInt()).isEqualTo(1);
        assertThat(logout.headers().firstValue("Set-Cookie").orElseThrow()).startsWith("refresh_token=;").contains("Max-Age=0");
        assertThat(ret.sessionDirectory(login.sessionId())).doesNotExist();
        assertThat(ret.get("/api/auth/me", login.accessToken()).statusCode()).isEqualTo(401);
        assertThat(ret.refresh(login.refreshToken()).statusCode()).isEqualTo(401);
        assertThat(ret.post("/api/auth/logout", login.accessToken()).statusCode()).isEqualTo(401);
    }

    @Test
    void refreshRotatesTheCookieAndIssuesAWorkingAccessToken() {
        Login login = ret.loginAsAdmin();
        HttpResponse<String> refreshed = ret.refresh(login.refreshToken());

        assertThat(refreshed.statusCode()).isEqualTo(200);
        String rotated = RunningRet.refreshCookie(refreshed);
        assertThat(rotated).isNotEqualTo(login.refreshToken());
        JsonNode body = RunningRet.json(refreshed);
        assertThat(body.get("session_id").asText()).isEqualTo(login.sessionId());
        assertThat(ret.get("/api/auth/me", body.get("access_token").asText()).statusCode()).isEqualTo(200);
        assertThat(ret.refresh(rotated).statusCode()).isEqualTo(200);
    }

    @Test
    void reusingARotatedRefreshTokenAfterTheReuseGraceEndsTheSession() {
        Login login = ret.loginAsAdmin();
        HttpResponse<String> refreshed = ret.refresh(login.refreshToken());
        String newAccess = RunningRet.json(refreshed).get("access_token").asText();
        String rotated = RunningRet.refreshCookie(refreshed);
        assertThat(ret.get("/api/auth/me", newAccess).statusCode()).as("the session is now held in memory").isEqualTo(200);
        ret.clock.advance(Duration.ofSeconds(10));

        HttpResponse<String> reuse = ret.refresh(login.refreshToken());

        assertThat(reuse.statusCode()).isEqualTo(401);
        assertThat(ret.get("/api/auth/me", newAccess).statusCode()).isEqualTo(401);
        assertThat(ret.get("/api/auth/me", login.accessToken()).statusCode()).isEqualTo(401);
        assertThat(ret.refresh(rotated).statusCode()).isEqualTo(401);
        assertThat(ret.sessionDirectory(login.sessionId())).doesNotExist();
    }

    @Test
    void refreshWithoutACookieIs401() {
        HttpResponse<String> response = ret.send(ret.request("/api/auth/refresh").POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(response.statusCode()).isEqualTo(401);
    }

    @Test
    void adminSeesAndEndsSessionsAndOthersAreForbidden() {
        Login admin = ret.loginAsAdmin();
        Login user = ret.loginAsNewUser("carol");

        assertThat(ret.get("/api/admin/sessions", user.accessToken()).statusCode()).isEqualTo(403);
        assertThat(ret.delete("/api/admin/sessions/" + admin.sessionId(), user.accessToken()).statusCode()).isEqualTo(403);
        HttpResponse<String> list = ret.get("/api/admin/sessions", admin.accessToken());
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(RunningRet.json(list).get("sessions").findValuesAsText("username")).containsExactlyInAnyOrder("admin", "carol");

        HttpResponse<String> ended = ret.delete("/api/admin/sessions/" + user.sessionId(), admin.accessToken());

        assertThat(ended.statusCode()).isEqualTo(200);
        assertThat(RunningRet.json(ended).get("session_id").asText()).isEqualTo(user.sessionId());
        assertThat(ret.get("/api/auth/me", user.accessToken()).statusCode()).isEqualTo(401);
        assertThat(ret.delete("/api/admin/sessions/" + user.sessionId(), admin.accessToken()).statusCode()).isEqualTo(404);
        assertThat(ret.delete("/api/admin/sessions/not-an-id", admin.accessToken()).statusCode()).isEqualTo(404);
    }

    @Test
    void disablingAUserEndsTheirSessionsAndRefusesLogin() {
        Login user = ret.loginAsNewUser("dave");
        assertThat(ret.get("/api/auth/me", user.accessToken()).statusCode()).as("the session is now held in memory").isEqualTo(200);
        assertThat(ret.runtime.core().userAdministration().disableUser("dave")).isTrue();
        assertThat(ret.get("/api/auth/me", user.accessToken()).statusCode()).isEqualTo(401);
        assertThat(ret.postJson("/api/auth/login", "{\"username\":\"dave\",\"password\":\"secret-password\"}").statusCode()).isEqualTo(401);
    }

    @Test
    void aUserDisabledByTheCommandLineBesideTheServerIsRefusedOnceTheHeldSessionIsReadAgain() {
        Login user = ret.loginAsNewUser("erin");
        assertThat(ret.get("/api/auth/me", user.accessToken()).statusCode()).as("the session is now held in memory").isEqualTo(200);
        try (RetRuntime commandLine = RetRuntime.open(RetConfig.from(RunningRet.testSettings(ret.root)), ret.clock, new Random(7))) {
            assertThat(commandLine.core().userAdministration().disableUser("erin")).isTrue();
        }

        ret.clock.advance(RetRuntime.SESSION_TRUST);

        assertThat(ret.get("/api/auth/me", user.accessToken()).statusCode()).isEqualTo(401);
    }

    @Test
    void healthAndReadiness() throws Exception {
        assertThat(ret.send(ret.request("/healthz").GET()).body()).isEqualTo("{\"status\":\"ok\"}");
        HttpResponse<String> ready = ret.send(ret.request("/readyz").GET());
        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(RunningRet.json(ready).get("checks").get("database").asText()).isEqualTo("ok");
        assertThat(RunningRet.json(ready).get("checks").get("job_workers").asText()).isEqualTo("ok");
        assertThat(RunningRet.json(ready).get("instance").asText()).isEqualTo(RunningRet.INSTANCE);

        Path moved = root.resolveSibling(root.getFileName() + "-moved");
        Files.move(root, moved);
        Files.writeString(root, "not a directory");
        try {
            HttpResponse<String> notReady = ret.send(ret.request("/readyz").GET());
            assertThat(notReady.statusCode()).isEqualTo(503);
            assertThat(RunningRet.json(notReady).get("checks").get("runtime_root").asText()).isEqualTo("runtime root is not writable");
            assertThat(RunningRet.json(notReady).get("instance")).isEqualTo(RunningRet.json(ready).get("instance"));
            assertThat(notReady.headers().firstValue("Content-Type")).contains("application/problem+json");
            assertThat(RunningRet.json(notReady).get("detail").asText()).isEqualTo("Not ready: runtime_root: runtime root is not writable.");
        } finally {
            Files.delete(root);
            Files.move(moved, root);
        }
    }
}
