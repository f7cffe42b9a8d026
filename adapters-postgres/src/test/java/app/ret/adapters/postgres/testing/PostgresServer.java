package app.ret.adapters.postgres.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A throwaway PostgreSQL server for tests and benchmarks: Debian's binaries, {@code initdb} into a
 * temporary directory, {@code pg_ctl} on a free loopback port, stopped and removed when the JVM exits.
 * PostgreSQL refuses to run as root, so a root JVM runs the server as the unprivileged {@code postgres}
 * OS user ({@code runuser}). Password authentication is on (SCRAM), as in a real deployment, so
 * tests can present a wrong password. When PostgreSQL cannot be started this throws, naming the
 * package to install: a test that needs it fails, it never skips.
 */
public final class PostgresServer {
    public static final String INSTALL_HINT = "apt-get install -y postgresql";
    public static final String SUPERUSER = "ret";
    private static final String OS_USER = "postgres";
    private static final int START_ATTEMPTS = 3;
    private static PostgresServer shared;

    private final Path directory;
    private final Path binaries;
    private final boolean durable;
    private final String password;
    private final int port;
    private final AtomicInteger databases = new AtomicInteger();

    private PostgresServer(Path directory, Path binaries, boolean durable, String password, int port) {
        this.directory = directory;
        this.binaries = binaries;
        this.durable = durable;
        this.password = password;
        this.port = port;
    }

    /**
     * The server of this JVM's tests, started on first use. It skips fsync (a crash of the machine
     * is not what tests exercise; every commit still goes through the real write-ahead log).
     */
    public static synchronized PostgresServer shared() {
        if (shared == null) {
            shared = start(false);
        }
        return shared;
    }

    /** A server of its own with PostgreSQL's durable defaults (fsync on), for benchmarks. */
    public static PostgresServer startDurable() {
        return start(true);
    }

    /** A server of its own, like {@link #shared()}'s, for a test that stops and restarts it. */
    public static PostgresServer startOwn() {
        return start(false);
    }

    private static PostgresServer start(boolean durable) {
        Path binaries = binaries().orElseThrow(() -> new IllegalStateException(
                "PostgreSQL is not installed (no initdb/pg_ctl found): run `" + INSTALL_HINT + "` as root, or scripts/test, which does"));
        Path directory;
        try {
            directory = Files.createTempDirectory("ret-postgres-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a directory for the PostgreSQL server", e);
        }
        byte[] secret = new byte[12];
        new SecureRandom().nextBytes(secret);
        String password = HexFormat.of().formatHex(secret);
        PostgresServer server = null;
        IllegalStateException lastFailure = null;
        try {
            giveToServerUser(directory);
            initdb(binaries, directory, password);
            for (int attempt = 0; attempt < START_ATTEMPTS && server == null; attempt++) {
                PostgresServer candidate = new PostgresServer(directory, binaries, durable, password, freePort());
                try {
                    candidate.startProcess();
                    server = candidate;
                } catch (IllegalStateException portTaken) {
                    lastFailure = portTaken;
                }
            }
        } catch (RuntimeException e) {
            deleteQuietly(directory);
            throw e;
        }
        if (server == null) {
            deleteQuietly(directory);
            throw lastFailure;
        }
        PostgresServer started = server;
        Runtime.getRuntime().addShutdownHook(new Thread(started::destroy, "postgres-server-stop"));
        return started;
    }

    /** A new, empty database on this server. */
    public PostgresTestDatabase newDatabase() {
        String name = "ret_" + ProcessHandle.current().pid() + "_" + databases.incrementAndGet();
        try (Connection admin = connect("postgres"); var statement = admin.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database " + name + ": " + e.getMessage(), e);
        }
        return new PostgresTestDatabase(this, name);
    }

    /** The server's data directory (tests look for files a dropped table must not leave). */
    public Path dataDirectory() {
        return dataDirectory(directory);
    }

    /** A JDBC connection to {@code database} as the superuser (test set-up and inspection). */
    public Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(database), SUPERUSER, password);
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    /** The {@code RET_DATABASE_URL} form: {@code postgresql://user:password@host:port/database}. */
    public String url(String database) {
        return "postgresql://" + SUPERUSER + ":" + password + "@127.0.0.1:" + port + "/" + database;
    }

    public int port() {
        return port;
    }

    public String password() {
        return password;
    }

    /** Stops the server (fast shutdown: clients are disconnected); {@link #restart} brings it back on the same port. */
    public void stop() {
        pgCtl("stop", "-m", "fast");
    }

    public void restart() {
        startProcess();
    }

    private void startProcess() {
        List<String> options = new ArrayList<>(List.of("-p", Integer.toString(port), "-k", directory.toString(),
                "-c", "listen_addresses=127.0.0.1", "-c", "max_connections=200"));
        if (!durable) {
            options.addAll(List.of("-c", "fsync=off", "-c", "full_page_writes=off"));
        }
        pgCtl("start", "-w", "-t", "30", "-l", directory.resolve("server.log").toString(), "-o", String.join(" ", options));
    }

    private void pgCtl(String... arguments) {
        List<String> command = new ArrayList<>(List.of(binaries.resolve("pg_ctl").toString(), "-D", dataDirectory(directory).toString()));
        command.addAll(List.of(arguments));
        run(command, "pg_ctl " + arguments[0]);
    }

    private void destroy() {
        try {
            pgCtl("stop", "-m", "immediate");
        } catch (RuntimeException alreadyStopped) {
            // Stopped by a test, or never started: nothing to stop.
        }
        deleteQuietly(directory);
    }

    private static void initdb(Path binaries, Path directory, String password) {
        Path passwordFile = directory.resolve("password");
        try {
            Files.writeString(passwordFile, password + "\n", StandardCharsets.UTF_8);
            giveToServerUser(passwordFile);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the PostgreSQL password file", e);
        }
        run(List.of(binaries.resolve("initdb").toString(), "-D", dataDirectory(directory).toString(), "-U", SUPERUSER,
                "--pwfile=" + passwordFile, "--auth=scram-sha-256", "--encoding=UTF8", "--locale=C", "--no-sync"), "initdb");
    }

    private static Path dataDirectory(Path directory) {
        return directory.resolve("data");
    }

    /** Runs a PostgreSQL tool, as the {@code postgres} OS user when this JVM runs as root. */
    private static void run(List<String> tool, String what) {
        List<String> command = new ArrayList<>();
        if (runningAsRoot()) {
            command.addAll(List.of("runuser", "-u", OS_USER, "--"));
        }
        command.addAll(tool);
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException(what + " failed (is `" + INSTALL_HINT + "` done?): " + output.strip());
            }
        } catch (IOException e) {
            throw new IllegalStateException(what + " could not run (install PostgreSQL: `" + INSTALL_HINT + "`)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + what, e);
        }
    }

    private static boolean runningAsRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static void giveToServerUser(Path path) {
        if (runningAsRoot()) {
            UserPrincipalLookupService users = path.getFileSystem().getUserPrincipalLookupService();
            try {
                Files.setOwner(path, users.lookupPrincipalByName(OS_USER));
            } catch (IOException e) {
                throw new IllegalStateException("no `" + OS_USER + "` OS user to run PostgreSQL as: run `" + INSTALL_HINT + "`", e);
            }
        }
    }

    /** Debian's newest {@code /usr/lib/postgresql/<version>/bin}, else the directory of {@code initdb} on the PATH. */
    private static Optional<Path> binaries() {
        try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
            Optional<Path> debian = versions.map(version -> version.resolve("bin"))
                    .filter(bin -> Files.isExecutable(bin.resolve("initdb")) && Files.isExecutable(bin.resolve("pg_ctl")))
                    .max(Comparator.comparing(bin -> versionOf(bin.getParent())));
            if (debian.isPresent()) {
                return debian;
            }
        } catch (IOException noDebianLayout) {
            // Look on the PATH instead.
        }
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(":"))
                .map(Path::of)
                .filter(bin -> Files.isExecutable(bin.resolve("initdb")) && Files.isExecutable(bin.resolve("pg_ctl")))
                .findFirst();
    }

    private static int versionOf(Path directory) {
        try {
            return Integer.parseInt(directory.getFileName().toString());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port", e);
        }
    }

    private static void deleteQuietly(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException ignored) {
            // Temporary files: the operating system's temp cleaning takes what is left.
        }
    }
}
