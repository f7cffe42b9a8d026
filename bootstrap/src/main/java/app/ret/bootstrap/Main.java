package app.ret.bootstrap;

import app.ret.adapters.files.workspace.RuntimeRootCheck;
import app.ret.adapters.sqlite.SqliteDatabase;
import app.ret.domain.cleanup.RemovedResource;
import app.ret.domain.user.Role;
import app.ret.domain.user.User;
import app.ret.ports.in.UserAdministrationUseCase;
import app.ret.ports.in.UserAdministrationUseCase.AddUserResult;
import app.ret.ports.in.UserAdministrationUseCase.PasswordChange;
import app.ret.ports.in.UserAdministrationUseCase.UserDeletion;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/** {@code serve}, {@code validate}, {@code backup} and {@code user add|list|disable|enable|passwd|delete}; {@code --help}. */
public final class Main {
    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;
    private static final String USAGE_TEXT = String.join(System.lineSeparator(),
            "usage: java -jar ret.jar serve",
            "       java -jar ret.jar validate",
            "       java -jar ret.jar backup PATH   (a consistent copy of the database, taken while the server runs)",
            "       java -jar ret.jar user add NAME [--role admin] [--password-env VAR]   (else the password is read from stdin)",
            "       java -jar ret.jar user list",
            "       java -jar ret.jar user disable NAME | user enable NAME",
            "       java -jar ret.jar user passwd NAME [--password-env VAR]   (else stdin; ends that user's sessions)",
            "       java -jar ret.jar user delete NAME   (ends that user's sessions, removing their files, state and jobs, then the user)",
            "       java -jar ret.jar --help");
    private static final List<String> HELP = List.of("--help", "-h", "help");

    private final Map<String, String> environment;
    private final InputStream stdin;
    private final PrintStream out;
    private final PrintStream err;

    Main(Map<String, String> environment, InputStream stdin, PrintStream out, PrintStream err) {
        this.environment = environment;
        this.stdin = stdin;
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        Main main = new Main(System.getenv(), System.in, System.out, System.err);
        System.exit(main.run(List.of(args)));
    }

    int run(List<String> args) {
        if (args.isEmpty()) {
            err.println(USAGE_TEXT);
            return USAGE;
        }
        if (HELP.contains(args.get(0))) {
            out.println(USAGE_TEXT);
            return OK;
        }
        if (!List.of("serve", "validate", "backup", "user").contains(args.get(0))) {
            return unknown("command", args.get(0));
        }
        RetConfig config;
        try {
            config = RetConfig.from(EnvironmentSource.load(Path.of(".env"), environment));
        } catch (ConfigException e) {
            err.println("configuration error: " + e.getMessage());
            return USAGE;
        }
        LogSetup.configure(config.logLevel(), config.logFormat());
        try {
            return switch (args.get(0)) {
                case "serve" -> serve(config);
                case "validate" -> validate(config);
                case "backup" -> backup(config, args.subList(1, args.size()));
                default -> user(config, args.subList(1, args.size()));
            };
        } catch (ConfigException e) {
            err.println("configuration error: " + e.getMessage());
            return USAGE;
        } catch (RuntimeException e) {
            err.println("error: " + e.getMessage());
            return FAILED;
        }
    }

    private int serve(RetConfig config) {
        RetRuntime runtime = RetRuntime.serve(config, MillisecondClock.start(Clock.systemUTC()), new SecureRandom(), out);
        out.println("RET listening on http://" + config.apiHost() + ":" + runtime.port());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            runtime.close();
            out.println("RET stopped: in-flight requests finished, database closed");
            stopped.countDown();
        }, "ret-shutdown"));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return OK;
    }

    private int validate(RetConfig config) {
        out.println("Effective settings:");
        config.describe().forEach((name, value) -> out.println("  " + name + "=" + value));
        boolean healthy = true;
        Optional<String> rootProblem = new RuntimeRootCheck(config.runtimeRoot(), config.runtimeMinFreeBytes()).problem();
        out.println("runtime root: " + rootProblem.orElse("ok"));
        healthy &= rootProblem.isEmpty();
        try (RetRuntime runtime = RetRuntime.open(config, Clock.systemUTC(), new SecureRandom())) {
            Map<String, String> database = runtime.databaseSettings();
            database.forEach((name, value) -> out.println("database " + name + ": " + value));
            healthy &= "ok".equals(database.getOrDefault("integrity_check", "ok")) && runtime.databaseProblem().isEmpty();
        } catch (RuntimeException e) {
            out.println("database: " + e.getMessage());
            healthy = false;
        }
        out.println(healthy ? "OK" : "FAILED");
        return healthy ? OK : FAILED;
    }

    private int backup(RetConfig config, List<String> args) {
        if (args.size() != 1) {
            err.println(USAGE_TEXT);
            return USAGE;
        }
        if (config.databaseUrl().isPresent()) {
            err.println("backup: RET_DATABASE_URL is set, so the data is in PostgreSQL: back it up with pg_dump (README, Using PostgreSQL)");
            return USAGE;
        }
        try (SqliteDatabase database = SqliteDatabase.open(config.sessionDb(), Clock.systemUTC())) {
            SqliteDatabase.Backup backup = database.backupTo(Path.of(args.get(0)));
            out.println("backup of " + config.sessionDb() + " written to " + backup.file() + " (" + backup.bytes()
                    + " bytes, integrity_check " + backup.integrity() + ")");
            return "ok".equals(backup.integrity()) ? OK : FAILED;
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            return FAILED;
        }
    }

    private int user(RetConfig config, List<String> args) {
        if (args.isEmpty()) {
            err.println(USAGE_TEXT);
            return USAGE;
        }
        try (RetRuntime runtime = RetRuntime.open(config, Clock.systemUTC(), new SecureRandom())) {
            UserAdministrationUseCase users = runtime.core().userAdministration();
            return switch (args.get(0)) {
                case "add" -> addUser(users, args.subList(1, args.size()));
                case "list" -> listUsers(users);
                case "disable" -> disableUser(users, args.subList(1, args.size()));
                case "enable" -> enableUser(users, args.subList(1, args.size()));
                case "passwd" -> changePassword(users, args.subList(1, args.size()));
                case "delete" -> deleteUser(users, args.subList(1, args.size()));
                default -> unknown("user command", args.get(0));
            };
        }
    }

    private int unknown(String what, String given) {
        err.println("unknown " + what + ": " + given);
        err.println(USAGE_TEXT);
        return USAGE;
    }

    private int addUser(UserAdministrationUseCase users, List<String> args) {
        if (args.isEmpty()) {
            err.println(USAGE_TEXT);
            return USAGE;
        }
        String name = args.get(0);
        Role role = Role.USER;
        Optional<String> passwordVariable = Optional.empty();
        for (int i = 1; i < args.size(); i++) {
            String option = args.get(i);
            if (i + 1 >= args.size()) {
                err.println("missing value after " + option);
                return USAGE;
            }
            String value = args.get(++i);
            switch (option) {
                case "--role" -> role = Role.fromWireName(value);
                case "--password-env" -> passwordVariable = Optional.of(value);
                default -> {
                    err.println("unknown option " + option);
                    return USAGE;
                }
            }
        }
        Optional<char[]> given = password(passwordVariable);
        if (given.isEmpty()) {
            return USAGE;
        }
        char[] password = given.get();
        try {
            AddUserResult result = users.addUser(name, role, password);
            if (result instanceof AddUserResult.Added added) {
                out.println("added " + added.user().username() + " (" + added.user().role().wireName() + ")");
                return OK;
            }
            if (result instanceof AddUserResult.Invalid invalid) {
                err.println("cannot add " + name + ": " + invalid.reason());
            } else {
                err.println("cannot add " + name + ": the name is taken");
            }
            return FAILED;
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    /** From {@code $VAR} when named (unset is an error, said so), else the first line of stdin. */
    private Optional<char[]> password(Optional<String> variable) {
        if (variable.isEmpty()) {
            return Optional.of(readPasswordLine());
        }
        String value = environment.get(variable.get());
        if (value == null) {
            err.println("environment variable " + variable.get() + " (named by --password-env) is not set");
            return Optional.empty();
        }
        return Optional.of(value.toCharArray());
    }

    private char[] readPasswordLine() {
        try {
            String line = new BufferedReader(new InputStreamReader(stdin, StandardCharsets.UTF_8)).readLine();
            return line == null ? new char[0] : line.toCharArray();
        } catch (IOException e) {
            return new char[0];
        }
    }

    private int listUsers(UserAdministrationUseCase users) {
        out.println("NAME\tROLE\tSTATUS\tCREATED");
        for (User user : users.listUsers()) {
            out.println(user.username() + "\t" + user.role().wireName() + "\t" + (user.disabled() ? "disabled" : "active")
                    + "\t" + user.createdAt());
        }
        return OK;
    }

    private int disableUser(UserAdministrationUseCase users, List<String> args) {
        if (args.size() != 1) {
            err.println(USAGE_TEXT);
            return USAGE;
        }
        if (users.disableUser(args.get(0))) {
            out.println("disabled " + args.get(0) + " and ended their sessions");
            return OK;
        }
        err.println("no such user: " + args.get(0));
        return FAILED;
    }

    private int enableUser(UserAdministrationUseCase users, List<String> args) {
        if (args.size() != 1) {
            err.println(USAGE_TEXT);
            return USAGE;
        }
        if (users.enableUser(args.get(0))) {
            out.println("enabled " + args.get(0));
            return OK;
        }
        err.println("no such user: " + args.get(0));
        return FAILED;
    }

    private int deleteUser(UserAdministrationUseCase users, List<String> args) {
        if (args.size() != 1) {
            err.println(USAGE_TEXT);
            return USAGE;
        }
        UserDeletion result = users.deleteUser(args.get(0));
        if (result instanceof UserDeletion.Deleted deleted) {
            long files = deleted.endedSessions().stream().mapToLong(ended -> ended.removed().count(RemovedResource.FILES)).sum();
            long bytes = deleted.endedSessions().stream().mapToLong(ended -> ended.removed().count(RemovedResource.BYTES)).sum();
            out.println("deleted " + args.get(0) + ": ended " + deleted.endedSessions().size() + " sessions, removed " + files
                    + " files (" + bytes + " bytes)");
            return OK;
        }
        err.println(result instanceof UserDeletion.LastAdmin
                ? "cannot delete " + args.get(0) + ": the only enabled admin (add another admin first)" : "no such user: " + args.get(0));
        return FAILED;
    }

    private int changePassword(UserAdministrationUseCase users, List<String> args) {
        Optional<String> passwordVariable = Optional.empty();
        if (args.size() == 3 && args.get(1).equals("--password-env")) {
            passwordVariable = Optional.of(args.get(2));
        } else if (args.size() != 1) {
            err.println(USAGE_TEXT);
            return USAGE;
        }
        Optional<char[]> password = password(passwordVariable);
        if (password.isEmpty()) {
            return USAGE;
        }
        try {
            PasswordChange result = users.setPassword(args.get(0), password.get());
            if (result instanceof PasswordChange.Changed) {
                out.println("changed the password of " + args.get(0) + " and ended their sessions");
                return OK;
            }
            err.println(result instanceof PasswordChange.Invalid invalid
                    ? "cannot change the password of " + args.get(0) + ": " + invalid.reason() : "no such user: " + args.get(0));
            return FAILED;
        } finally {
            Arrays.fill(password.get(), '\0');
        }
    }
}
