package app.ret.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import app.ret.adapters.files.planted.FilesUsingSecurity;
import app.ret.adapters.files.workspace.DiskWorkspace;
import app.ret.adapters.http.HttpSettings;
import app.ret.adapters.http.planted.HttpUsingBootstrap;
import app.ret.adapters.http.planted.HttpUsingMemory;
import app.ret.adapters.memory.InMemoryUserStore;
import app.ret.adapters.memory.planted.AdapterReachingIntoTheApplication;
import app.ret.adapters.memory.planted.AdapterUsingAnotherAdapter;
import app.ret.adapters.postgres.PostgresDatabase;
import app.ret.adapters.postgres.planted.PostgresUsingFiles;
import app.ret.adapters.security.Pbkdf2PasswordHasher;
import app.ret.adapters.security.planted.SecurityUsingHttp;
import app.ret.adapters.sqlite.SqliteDatabase;
import app.ret.adapters.sqlite.planted.SqliteUsingPostgres;
import app.ret.application.RetCore;
import app.ret.application.planted.ApplicationUsingAnAdapter;
import app.ret.application.planted.ShadowService;
import app.ret.architecture.RetArchitectureRules.LayerConstraint;
import app.ret.bootstrap.RetConfig;
import app.ret.domain.planted.DomainDrivenPortImplementation;
import app.ret.domain.planted.DomainReadingTheWallClock;
import app.ret.domain.planted.DomainUsingJdbc;
import app.ret.domain.planted.DomainUsingJson;
import app.ret.domain.planted.DomainWritingFiles;
import app.ret.ports.in.planted.PlantedQuery;
import app.ret.ports.in.planted.PortReachingIntoTheApplication;
import app.ret.ports.out.SessionResourceCleaner;
import app.ret.stray.ClassOutsideEveryLayer;
import com.tngtech.archunit.ArchConfiguration;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each rule, and each line of the layered architecture on its own, must report its planted
 * violation with the exact message, so no rule or line can pass vacuously or be deleted unnoticed.
 */
class PlantedViolationsTest {

    /** Classes to import, and the start of the violation they must produce (its source line left out). */
    record Planted(List<Class<?>> classes, String violation) {
        static Planted of(String violation, Class<?>... classes) {
            return new Planted(List.of(classes), violation);
        }
    }

    // The adapters form a ring (memory -> sqlite -> postgres -> files -> security -> http -> memory): each class
    // accesses the next adapter, so it is the planted case of its own layer's "may only access" and of
    // the next layer's "may only be accessed by". A new adapter layer joins the ring.
    private static final Planted MEMORY_TO_SQLITE = Planted.of(
            "Method <app.ret.adapters.memory.planted.AdapterUsingAnotherAdapter.describe(app.ret.adapters.sqlite.SqliteDatabase)>"
                    + " calls method <app.ret.adapters.sqlite.SqliteDatabase.name()>",
            AdapterUsingAnotherAdapter.class, SqliteDatabase.class);
    private static final Planted SQLITE_TO_POSTGRES = Planted.of(
            "Method <app.ret.adapters.sqlite.planted.SqliteUsingPostgres.describe(app.ret.adapters.postgres.PostgresDatabase)>"
                    + " calls method <app.ret.adapters.postgres.PostgresDatabase.name()>",
            SqliteUsingPostgres.class, PostgresDatabase.class);
    private static final Planted POSTGRES_TO_FILES = Planted.of(
            "Method <app.ret.adapters.postgres.planted.PostgresUsingFiles.folder(app.ret.adapters.files.workspace.DiskWorkspace)>"
                    + " calls method <app.ret.adapters.files.workspace.DiskWorkspace.resourceName()>",
            PostgresUsingFiles.class, DiskWorkspace.class);
    private static final Planted FILES_TO_SECURITY = Planted.of(
            "Method <app.ret.adapters.files.planted.FilesUsingSecurity.check(app.ret.adapters.security.Pbkdf2PasswordHasher)>"
                    + " calls method <app.ret.adapters.security.Pbkdf2PasswordHasher.verify([C, app.ret.domain.user.PasswordHash)>",
            FilesUsingSecurity.class, Pbkdf2PasswordHasher.class);
    private static final Planted SECURITY_TO_HTTP = Planted.of(
            "Method <app.ret.adapters.security.planted.SecurityUsingHttp.secureCookies(app.ret.adapters.http.HttpSettings)>"
                    + " calls method <app.ret.adapters.http.HttpSettings.cookieSecure()>",
            SecurityUsingHttp.class, HttpSettings.class);
    private static final Planted HTTP_TO_MEMORY = Planted.of(
            "Method <app.ret.adapters.http.planted.HttpUsingMemory.users()> calls constructor <app.ret.adapters.memory.InMemoryUserStore.<init>()>",
            HttpUsingMemory.class, InMemoryUserStore.class);

    private static final Map<String, Planted> LAYER_CONSTRAINT_CASES = Map.ofEntries(
            Map.entry("Domain may not access any layer", Planted.of(
                    "Class <app.ret.domain.planted.DomainDrivenPortImplementation> implements interface <app.ret.ports.out.SessionResourceCleaner>",
                    DomainDrivenPortImplementation.class, SessionResourceCleaner.class)),
            Map.entry("Ports may only access Domain", Planted.of(
                    "Method <app.ret.ports.in.planted.PortReachingIntoTheApplication.core()> has return type <app.ret.application.RetCore>",
                    PortReachingIntoTheApplication.class, RetCore.class)),
            Map.entry("Application may only access Ports, Domain", Planted.of(
                    "Method <app.ret.application.planted.ApplicationUsingAnAdapter.users()> calls constructor <app.ret.adapters.memory.InMemoryUserStore.<init>()>",
                    ApplicationUsingAnAdapter.class, InMemoryUserStore.class)),
            Map.entry("Application may only be accessed by Bootstrap", Planted.of(
                    "Method <app.ret.adapters.memory.planted.AdapterReachingIntoTheApplication.ask()> calls constructor <app.ret.application.planted.ShadowService.<init>()>",
                    AdapterReachingIntoTheApplication.class, ShadowService.class)),
            Map.entry("Bootstrap may not be accessed by any layer", Planted.of(
                    "Method <app.ret.adapters.http.planted.HttpUsingBootstrap.port(app.ret.bootstrap.RetConfig)> calls method <app.ret.bootstrap.RetConfig.apiPort()>",
                    HttpUsingBootstrap.class, RetConfig.class)),
            Map.entry("Memory may only access Ports, Domain", MEMORY_TO_SQLITE),
            Map.entry("Sqlite may only be accessed by Bootstrap", MEMORY_TO_SQLITE),
            Map.entry("Sqlite may only access Ports, Domain", SQLITE_TO_POSTGRES),
            Map.entry("Postgres may only be accessed by Bootstrap", SQLITE_TO_POSTGRES),
            Map.entry("Postgres may only access Ports, Domain", POSTGRES_TO_FILES),
            Map.entry("Files may only be accessed by Bootstrap", POSTGRES_TO_FILES),
            Map.entry("Files may only access Ports, Domain", FILES_TO_SECURITY),
            Map.entry("Security may only be accessed by Bootstrap", FILES_TO_SECURITY),
            Map.entry("Security may only access Ports, Domain", SECURITY_TO_HTTP),
            Map.entry("Http may only be accessed by Bootstrap", SECURITY_TO_HTTP),
            Map.entry("Http may only access Ports, Domain", HTTP_TO_MEMORY),
            Map.entry("Memory may only be accessed by Bootstrap", HTTP_TO_MEMORY));

    private static final Map<String, Planted> RULE_CASES = Map.ofEntries(
            Map.entry("everyClassInALayer", Planted.of(
                    "Class <app.ret.stray.ClassOutsideEveryLayer> does not reside in any package"
                            + " ['app.ret.domain..', 'app.ret.ports..', 'app.ret.application..', 'app.ret.adapters..', 'app.ret.bootstrap..']",
                    ClassOutsideEveryLayer.class)),
            Map.entry("domainUsesOnlyJdkBasics", Planted.of(
                    "Method <app.ret.domain.planted.DomainWritingFiles.exists(java.lang.String)> calls constructor <java.io.File.<init>(java.lang.String)>",
                    DomainWritingFiles.class)),
            Map.entry("coreHasNoInfrastructure", Planted.of(
                    "Method <app.ret.domain.planted.DomainUsingJdbc.usable(java.sql.Connection)> calls method <java.sql.Connection.isClosed()>",
                    DomainUsingJdbc.class)),
            Map.entry("coreUsesOnlyByteStreams", Planted.of(
                    "Method <app.ret.domain.planted.DomainWritingFiles.exists(java.lang.String)> calls method <java.io.File.exists()>",
                    DomainWritingFiles.class)),
            Map.entry("jacksonOnlyInHttp", Planted.of(
                    "Method <app.ret.domain.planted.DomainUsingJson.render(java.lang.Object)> calls constructor"
                            + " <com.fasterxml.jackson.databind.ObjectMapper.<init>()>",
                    DomainUsingJson.class)),
            Map.entry("jdbcOnlyInDatabaseAdapters", Planted.of(
                    "Method <app.ret.domain.planted.DomainUsingJdbc.usable(java.sql.Connection)> calls method <java.sql.Connection.isClosed()>",
                    DomainUsingJdbc.class)),
            Map.entry("timeFromInjectedClock", Planted.of(
                    "Method <app.ret.domain.planted.DomainReadingTheWallClock.stamp()> calls method <java.time.Instant.now()>",
                    DomainReadingTheWallClock.class)),
            Map.entry("inboundPortsAreUseCases", Planted.of(
                    "Class <app.ret.ports.in.planted.PlantedQuery> does not have simple name ending with 'UseCase'",
                    PlantedQuery.class)),
            Map.entry("drivenPortsImplementedByAdapters", Planted.of(
                    "Class <app.ret.domain.planted.DomainDrivenPortImplementation> does not reside in a package 'app.ret.adapters..'",
                    DomainDrivenPortImplementation.class, SessionResourceCleaner.class)),
            Map.entry("servicesStayInsideTheApplication", Planted.of(
                    "Method <app.ret.adapters.memory.planted.AdapterReachingIntoTheApplication.ask()> calls constructor"
                            + " <app.ret.application.planted.ShadowService.<init>()>",
                    ShadowService.class, AdapterReachingIntoTheApplication.class)));

    private static boolean resolvedFromClassPath;

    /** Each case imports the classes it names, no more: resolving what they touch from the class path only makes the suite slow. */
    @BeforeAll
    static void importOnlyThePlantedClasses() {
        resolvedFromClassPath = ArchConfiguration.get().resolveMissingDependenciesFromClassPath();
        ArchConfiguration.get().setResolveMissingDependenciesFromClassPath(false);
    }

    @AfterAll
    static void restoreTheImporter() {
        ArchConfiguration.get().setResolveMissingDependenciesFromClassPath(resolvedFromClassPath);
    }

    @Test
    void everyLayerConstraintHasAPlantedViolation() {
        assertThat(LAYER_CONSTRAINT_CASES.keySet())
                .containsExactlyInAnyOrderElementsOf(RetArchitectureRules.LAYER_CONSTRAINTS.stream().map(LayerConstraint::description).toList());
    }

    @Test
    void everyOtherRuleHasAPlantedViolation() {
        assertThat(RULE_CASES.keySet()).containsExactlyInAnyOrderElementsOf(
                RetArchitectureRules.ALL.keySet().stream().filter(name -> !name.equals("layers")).toList());
    }

    static Stream<Arguments> layerConstraints() {
        return RetArchitectureRules.LAYER_CONSTRAINTS.stream().map(constraint -> Arguments.of(constraint.description(), constraint));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("layerConstraints")
    void eachLayerConstraintAloneReportsItsPlantedViolation(String description, LayerConstraint constraint) {
        Planted planted = LAYER_CONSTRAINT_CASES.get(description);
        assertThat(violations(RetArchitectureRules.alone(constraint), planted)).anySatisfy(line -> assertThat(line).startsWith(planted.violation()));
        assertThat(violations(RetArchitectureRules.LAYERS, planted)).anySatisfy(line -> assertThat(line).startsWith(planted.violation()));
    }

    static Stream<Arguments> otherRules() {
        return RULE_CASES.keySet().stream().sorted().map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("otherRules")
    void eachOtherRuleReportsItsPlantedViolation(String name) {
        Planted planted = RULE_CASES.get(name);
        assertThat(violations(RetArchitectureRules.ALL.get(name), planted)).anySatisfy(line -> assertThat(line).startsWith(planted.violation()));
    }

    @Test
    void anEmptyLayerIsAViolationOfTheLayers() {
        Planted onlyTheDomain = Planted.of("", DomainReadingTheWallClock.class);
        assertThat(violations(RetArchitectureRules.LAYERS, onlyTheDomain))
                .contains("Layer 'Ports' is empty", "Layer 'Http' is empty", "Layer 'Bootstrap' is empty")
                .doesNotContain("Layer 'Domain' is empty");
    }

    private static List<String> violations(ArchRule rule, Planted planted) {
        return rule.evaluate(new ClassFileImporter().importClasses(planted.classes())).getFailureReport().getDetails();
    }
}
