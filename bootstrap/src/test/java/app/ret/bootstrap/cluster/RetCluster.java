package app.ret.bootstrap.cluster;

import app.ret.adapters.postgres.testing.PostgresServer;
import app.ret.adapters.postgres.testing.PostgresTestDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Several RET instances as one system: the same configuration, one throwaway PostgreSQL database,
 * one runtime root, each instance its own process and port. {@link #next} spreads requests
 * round-robin as a load balancer does.
 */
public final class RetCluster implements AutoCloseable {
    public static final String ADMIN_PASSWORD = "admin-password-1";
    public static final String JWT_SECRET = "0123456789abcdef0123456789abcdef-cluster-key";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    private final PostgresTestDatabase database;
    private final Path directory;
    private final Map<String, String> environment;
    private final List<RetInstance> instances = new ArrayList<>();
    private final AtomicInteger turn = new AtomicInteger();

    private RetCluster(PostgresTestDatabase database, Path directory, Map<String, String> environment) {
        this.database = database;
        this.directory = directory;
        this.environment = environment;
    }

    /** Starts {@code size} instances at once (they migrate the new database together) and waits until each is ready. */
    public static RetCluster start(int size, Map<String, String> overrides) {
        PostgresTestDatabase database = PostgresServer.shared().newDatabase();
        Path directory;
        try {
            directory = Files.createTempDirectory("ret-cluster-");
            Files.createDirectories(directory.resolve("runtime"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        RetCluster cluster = new RetCluster(database, directory, environmentFor(database, directory, overrides));
        for (int i = 0; i < size; i++) {
            String name = String.valueOf((char) ('a' + i));
            cluster.instances.add(new RetInstance(name, cluster.environment, directory.resolve(name + ".log")));
        }
        try {
            cluster.instances.forEach(RetInstance::launch);
            cluster.instances.forEach(instance -> instance.awaitReady(START_TIMEOUT));
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
        return cluster;
    }

    private static Map<String, String> environmentFor(PostgresTestDatabase database, Path directory, Map<String, String> overrides) {
        Map<String, String> environment = new HashMap<>();
        environment.put("RET_DATABASE_URL", database.url());
        environment.put("JWT_SECRET_KEY", JWT_SECRET);
        environment.put("RET_RUNTIME_ROOT", directory.resolve("runtime").toString());
        environment.put("RET_ADMIN_PASSWORD", ADMIN_PASSWORD);
        environment.put("PASSWORD_HASH_ITERATIONS", "1000");
        environment.put("HTTP_THREADS", "8");
        environment.put("JOB_TEST_TYPE_ENABLED", "true");
        environment.put("SWEEP_INTERVAL_SECONDS", "1");
        environment.put("JOB_LEASE_SECONDS", "3");
        // The tests replay rotated refresh tokens at once and hold many admin sessions at a time.
        environment.put("REFRESH_REUSE_GRACE_SECONDS", "0");
        environment.put("MAX_SESSIONS_PER_USER", "1000");
        environment.putAll(overrides);
        return environment;
    }

    /** The next instance in round-robin order. */
    public RetInstance next() {
        return instances.get(Math.floorMod(turn.getAndIncrement(), instances.size()));
    }

    public RetInstance instance(int index) {
        return instances.get(index);
    }

    public List<RetInstance> instances() {
        return List.copyOf(instances);
    }

    public PostgresTestDatabase database() {
        return database;
    }

    public Path runtimeRoot() {
        return directory.resolve("runtime");
    }

    /** Starts a stopped instance again on its port and waits until it is ready. */
    public void restart(RetInstance instance) {
        instance.launch();
        instance.awaitReady(START_TIMEOUT);
    }

    /** Runs a command-line tool ({@code user add …}) against the cluster's database and runtime root. */
    public RetInstance.Exited runCommand(Map<String, String> extraEnvironment, String... args) {
        Map<String, String> commandEnvironment = new HashMap<>(environment);
        commandEnvironment.putAll(extraEnvironment);
        return RetInstance.run(commandEnvironment, directory.resolve("command-" + System.nanoTime() + ".log"), args);
    }

    /** Adds a user with the role {@code user} through {@code java … Main user add}. */
    public void addUser(String name, String password) {
        RetInstance.Exited added = runCommand(Map.of("NEW_USER_PASSWORD", password), "user", "add", name, "--password-env", "NEW_USER_PASSWORD");
        if (added.code() != 0) {
            throw new IllegalStateException("user add " + name + " failed: " + added.output());
        }
    }

    @Override
    public void close() {
        instances.forEach(RetInstance::stop);
    }
}
