package app.ret.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.ret.adapters.postgres.PoolSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RetConfigTest {
    @Test
    void defaultsFollowConfigMd() {
        RetConfig config = RetConfig.from(Map.of());
        assertThat(config.apiHost()).isEqualTo("127.0.0.1");
        assertThat(config.apiPort()).isEqualTo(8000);
        assertThat(config.runtimeRoot()).isEqualTo(Path.of("./runtime"));
        assertThat(config.sessionDb()).isEqualTo(Path.of("./runtime/ret_session.db"));
        assertThat(config.sessionIdleTimeout()).isEqualTo(Duration.ofMinutes(60));
        assertThat(config.sessionAbsoluteTimeout()).isEqualTo(Duration.ofHours(12));
        assertThat(config.passwordHashIterations()).isEqualTo(600_000);
        assertThat(config.cookieSecure()).isFalse();
        assertThat(config.maxUploadBytes()).isEqualTo(512L * 1024 * 1024);
        assertThat(config.httpThreads()).isEqualTo(16);
        assertThat(config.jobWorkers()).isEqualTo(2);
        assertThat(config.jobMaxAttempts()).isEqualTo(3);
        assertThat(config.jobRetention()).isEqualTo(Duration.ofMinutes(60));
        assertThat(config.jobTestTypeEnabled()).isFalse();
        assertThat(config.databaseUrl()).isEmpty();
        assertThat(config.databasePool()).isEqualTo(new PoolSettings(16 + 2 + 2, Duration.ofSeconds(5)));
        assertThat(config.jobLease()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.runtimeMinFreeBytes()).isEqualTo(256L * 1024 * 1024);
        assertThat(config.describe()).hasSize(46);
    }

    @Test
    void aDatabaseUrlWithoutASigningKeyIsRefusedAndTheInstanceIdIsSettable() {
        assertThatThrownBy(() -> RetConfig.from(Map.of("RET_DATABASE_URL", "postgresql://u:secret@db:5432/ret")))
                .hasMessageStartingWith("JWT_SECRET_KEY: is required when RET_DATABASE_URL is set").message().doesNotContain("secret@");
        RetConfig shared = RetConfig.from(Map.of("RET_DATABASE_URL", "postgresql://u:secret@db:5432/ret",
                "JWT_SECRET_KEY", "0123456789abcdef0123456789abcdef", "RET_INSTANCE_ID", "web-2", "JOB_LEASE_SECONDS", "5"));
        assertThat(shared.instanceId().value()).isEqualTo("web-2");
        assertThat(shared.jobLease()).isEqualTo(Duration.ofSeconds(5));
        assertThat(RetConfig.from(Map.of("HOSTNAME", "pod-7")).instanceId().value()).startsWith("pod-7-");
        assertThatThrownBy(() -> RetConfig.from(Map.of("RET_INSTANCE_ID", "a b"))).hasMessageStartingWith("RET_INSTANCE_ID:");
    }

    @Test
    void outsideDevelopmentCookiesAreSecureByDefault() {
        assertThat(RetConfig.from(Map.of("ENV", "test")).cookieSecure()).isTrue();
    }

    @Test
    void everyBadValueNamesItsVariable() {
        assertThatThrownBy(() -> RetConfig.from(Map.of("API_PORT", "70000"))).hasMessageStartingWith("API_PORT:");
        assertThatThrownBy(() -> RetConfig.from(Map.of("HTTP_THREADS", "0"))).hasMessageStartingWith("HTTP_THREADS:");
        assertThatThrownBy(() -> RetConfig.from(Map.of("COOKIE_SECURE", "maybe"))).hasMessageStartingWith("COOKIE_SECURE:");
        assertThatThrownBy(() -> RetConfig.from(Map.of("LOG_FORMAT", "xml"))).hasMessageStartingWith("LOG_FORMAT:");
        assertThatThrownBy(() -> RetConfig.from(Map.of("RET_DATABASE_URL", "postgresql://u:secret@host"))).hasMessageStartingWith("RET_DATABASE_URL:")
                .message().doesNotContain("secret");
        assertThatThrownBy(() -> RetConfig.from(Map.of("RET_DATABASE_POOL_SIZE", "0"))).hasMessageStartingWith("RET_DATABASE_POOL_SIZE:");
        assertThatThrownBy(() -> RetConfig.from(Map.of("RET_DATABASE_CONNECT_TIMEOUT_SECONDS", "0")))
                .hasMessageStartingWith("RET_DATABASE_CONNECT_TIMEOUT_SECONDS:");
        assertThatThrownBy(() -> RetConfig.from(Map.of("JWT_SECRET_KEY", "short"))).hasMessageStartingWith("JWT_SECRET_KEY:");
        assertThatThrownBy(() -> RetConfig.from(Map.of("ENV", "staging"))).hasMessageStartingWith("ENV:");
        assertThatThrownBy(() -> RetConfig.from(Map.of("JOB_WORKERS", "0"))).hasMessageStartingWith("JOB_WORKERS:");
        assertThatThrownBy(() -> RetConfig.from(Map.of("JOB_RETENTION_MINUTES", "0"))).hasMessageStartingWith("JOB_RETENTION_MINUTES:");
        assertThatThrownBy(() -> RetConfig.from(Map.of("JOB_TEST_TYPE_ENABLED", "perhaps"))).hasMessageStartingWith("JOB_TEST_TYPE_ENABLED:");
        assertThatThrownBy(() -> RetConfig.from(Map.of("TRUSTED_PROXIES", "10.0.0.1, proxy.internal")))
                .hasMessage("TRUSTED_PROXIES: not an IP address or CIDR network: 'proxy.internal'");
        assertThatThrownBy(() -> RetConfig.from(Map.of("RATE_LIMIT_REQUESTS", "0"))).hasMessageStartingWith("RATE_LIMIT_REQUESTS:");
        assertThatThrownBy(() -> RetConfig.from(Map.of("CORS_ORIGINS", "https://app.example.com, *")))
                .hasMessageStartingWith("CORS_ORIGINS: '*' is not an origin");
        assertThatThrownBy(() -> RetConfig.from(Map.of("CORS_ORIGINS", "https://app.example.com/login")))
                .hasMessageStartingWith("CORS_ORIGINS:");
        assertThatThrownBy(() -> RetConfig.from(Map.of("LOGIN_FAILURE_WINDOW_SECONDS", "x"))).hasMessageStartingWith("LOGIN_FAILURE_WINDOW_SECONDS:");
    }

    @Test
    void loginsMayHoldAtMostHalfTheRequestThreads() {
        var limits = RetRuntime.rateLimitSettings(RetConfig.from(Map.of("HTTP_THREADS", "16")));
        assertThat(limits.concurrentPasswordChecks() + limits.queuedPasswordChecks()).isEqualTo(8);
        assertThat(limits.concurrentPasswordChecks()).isBetween(1, Runtime.getRuntime().availableProcessors());
        assertThat(limits.requests().limit()).isEqualTo(100);
        assertThat(limits.loginFailures().window()).isEqualTo(Duration.ofSeconds(300));
    }

    @Test
    void listsAreCommaSeparated() {
        assertThat(RetConfig.from(Map.of("TRUSTED_PROXIES", " 10.0.0.1, ,127.0.0.1 ")).trustedProxies())
                .containsExactly("10.0.0.1", "127.0.0.1");
    }

    @Test
    void dotEnvIsReadAndTheEnvironmentWins(@TempDir Path directory) throws Exception {
        Path dotEnv = directory.resolve(".env");
        Files.write(dotEnv, List.of("# comment", "export API_PORT=9001", "API_HOST='0.0.0.0'", "", "LOG_LEVEL=\"DEBUG\""));
        Map<String, String> merged = EnvironmentSource.load(dotEnv, Map.of("API_PORT", "9002"));
        RetConfig config = RetConfig.from(merged);
        assertThat(config.apiPort()).isEqualTo(9002);
        assertThat(config.apiHost()).isEqualTo("0.0.0.0");
        assertThat(config.logLevel()).isEqualTo("DEBUG");
    }

    @Test
    void aBrokenDotEnvLineIsNamed() {
        assertThatThrownBy(() -> EnvironmentSource.parseDotEnv(List.of("OK=1", "garbage"))).hasMessageStartingWith(".env line 2:");
    }
}
