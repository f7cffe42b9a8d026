package app.ret.benchmarks;

import app.ret.adapters.postgres.testing.PostgresServer;
import app.ret.adapters.postgres.testing.PostgresTestDatabase;
import app.ret.bootstrap.testing.JavaProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Several {@code ret.jar serve} processes ({@link ServerProcess}) as one system: a new database on
 * one PostgreSQL server, one runtime root, one signing key, a port and an instance id each — the
 * deployment of the README's "Running several instances", for the P11 harnesses.
 */
final class RetInstances implements AutoCloseable {
    static final String ADMIN_PASSWORD = "p11-benchmark-password";
    private static final Duration START_TIMEOUT = Duration.ofMinutes(4);

    private final PostgresTestDatabase database;
    private final List<ServerProcess> servers;

    private RetInstances(PostgresTestDatabase database, List<ServerProcess> servers) {
        this.database = database;
        this.servers = servers;
    }

    /** Starts {@code count} instances of {@code jar} at once on a new database of {@code server}; returns once each is ready. */
    static RetInstances start(Path jar, PostgresServer server, int count, Path work, Map<String, String> settings) {
        PostgresTestDatabase database = server.newDatabase();
        Map<String, String> shared = new HashMap<>(settings);
        shared.put("RET_DATABASE_URL", database.url());
        shared.put("JWT_SECRET_KEY", "p11-benchmark-signing-key-0123456789abcdef");
        shared.put("RET_RUNTIME_ROOT", work.resolve("root").toString());
        shared.put("RET_ADMIN_PASSWORD", ADMIN_PASSWORD);
        shared.put("RATE_LIMIT_REQUESTS", Integer.toString(Integer.MAX_VALUE));
        shared.put("ACCESS_TOKEN_EXPIRE_MINUTES", "60");
        List<ServerProcess> servers = new ArrayList<>();
        try {
            Files.createDirectories(work);
            for (int i = 0; i < count; i++) {
                Map<String, String> environment = new HashMap<>(shared);
                environment.put("API_PORT", Integer.toString(JavaProcess.freePort()));
                environment.put("RET_INSTANCE_ID", "i" + (i + 1));
                servers.add(ServerProcess.startRet(jar, environment, List.of(), work.resolve("i" + (i + 1) + ".log")));
            }
            // Several JVMs starting at once on two busy cores take a while: far longer than one alone.
            servers.forEach(each -> each.awaitReady("/readyz", START_TIMEOUT));
        } catch (IOException e) {
            servers.forEach(ServerProcess::close);
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            servers.forEach(ServerProcess::close);
            throw e;
        }
        return new RetInstances(database, servers);
    }

    List<ServerProcess> servers() {
        return servers;
    }

    PostgresTestDatabase database() {
        return database;
    }

    /** An admin session started on the first instance (valid on every instance). */
    ApiClient.Session login() {
        return new ApiClient(servers.get(0)::port).login("admin", ADMIN_PASSWORD);
    }

    @Override
    public void close() {
        servers.forEach(ServerProcess::close);
    }
}
