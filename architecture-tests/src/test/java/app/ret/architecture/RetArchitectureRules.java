package app.ret.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchRule;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;

/** Every rule of ARCHITECTURE.md, by name, so one suite checks the code and another proves each rule can fail. */
final class RetArchitectureRules {
    static final String DOMAIN = "app.ret.domain..";
    static final String PORTS = "app.ret.ports..";
    static final String PORTS_IN = "app.ret.ports.in..";
    static final String PORTS_OUT = "app.ret.ports.out..";
    static final String APPLICATION = "app.ret.application..";
    static final String ADAPTERS = "app.ret.adapters..";
    static final String BOOTSTRAP = "app.ret.bootstrap..";
    private static final String[] CORE = {DOMAIN, PORTS, APPLICATION};

    static final ArchRule LAYERS = layeredArchitecture()
            .consideringOnlyDependenciesInAnyPackage("app.ret..")
            .layer("Domain").definedBy(DOMAIN)
            .layer("Ports").definedBy(PORTS)
            .layer("Application").definedBy(APPLICATION)
            .layer("Memory").definedBy("app.ret.adapters.memory..")
            .layer("Sqlite").definedBy("app.ret.adapters.sqlite..")
            .layer("Postgres").definedBy("app.ret.adapters.postgres..")
            .layer("Files").definedBy("app.ret.adapters.files..")
            .layer("Security").definedBy("app.ret.adapters.security..")
            .layer("Http").definedBy("app.ret.adapters.http..")
            .layer("Bootstrap").definedBy(BOOTSTRAP)
            .whereLayer("Domain").mayNotAccessAnyLayer()
            .whereLayer("Ports").mayOnlyAccessLayers("Domain")
            .whereLayer("Application").mayOnlyAccessLayers("Ports", "Domain")
            .whereLayer("Application").mayOnlyBeAccessedByLayers("Bootstrap")
            .whereLayer("Memory").mayOnlyAccessLayers("Ports", "Domain")
            .whereLayer("Sqlite").mayOnlyAccessLayers("Ports", "Domain")
            .whereLayer("Postgres").mayOnlyAccessLayers("Ports", "Domain")
            .whereLayer("Files").mayOnlyAccessLayers("Ports", "Domain")
            .whereLayer("Security").mayOnlyAccessLayers("Ports", "Domain")
            .whereLayer("Http").mayOnlyAccessLayers("Ports", "Domain")
            .whereLayer("Memory").mayOnlyBeAccessedByLayers("Bootstrap")
            .whereLayer("Sqlite").mayOnlyBeAccessedByLayers("Bootstrap")
            .whereLayer("Postgres").mayOnlyBeAccessedByLayers("Bootstrap")
            .whereLayer("Files").mayOnlyBeAccessedByLayers("Bootstrap")
            .whereLayer("Security").mayOnlyBeAccessedByLayers("Bootstrap")
            .whereLayer("Http").mayOnlyBeAccessedByLayers("Bootstrap")
            .whereLayer("Bootstrap").mayNotBeAccessedByAnyLayer()
            .as("layers: domain -> nothing; ports/application -> domain; adapters -> ports + domain only; nothing -> bootstrap");

    static final ArchRule EVERY_CLASS_IN_A_LAYER = classes()
            .should().resideInAnyPackage(DOMAIN, PORTS, APPLICATION, ADAPTERS, BOOTSTRAP)
            .as("every class belongs to a layer");

    static final ArchRule DOMAIN_USES_ONLY_THE_JDK_BASICS = classes().that().resideInAPackage(DOMAIN)
            .should().onlyDependOnClassesThat().resideInAnyPackage(DOMAIN, "java.lang..", "java.util..", "java.time..", "java.math..")
            .as("the domain depends on java.lang, java.util, java.time and java.math only");

    static final ArchRule CORE_HAS_NO_INFRASTRUCTURE = noClasses().that().resideInAnyPackage(CORE)
            .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "java.nio.file..", "java.net..",
                    "com.sun.net.httpserver..", "com.fasterxml.jackson..", "org.sqlite..", "org.postgresql..", "com.zaxxer..",
                    "javax.xml..")
            .as("the core uses no SQL, file path, network, HTTP server, Jackson, SQLite, PostgreSQL or XML types");

    static final ArchRule CORE_USES_ONLY_BYTE_STREAMS_FROM_JAVA_IO = noClasses().that().resideInAnyPackage(CORE)
            .should().dependOnClassesThat(describe("java.io types other than byte streams and their exceptions",
                    (JavaClass type) -> type.getPackageName().equals("java.io")
                            && !List.of(InputStream.class.getName(), OutputStream.class.getName(), IOException.class.getName(),
                                    UncheckedIOException.class.getName()).contains(type.getName())))
            .as("the core uses from java.io only InputStream, OutputStream, IOException and UncheckedIOException");

    static final ArchRule JACKSON_ONLY_IN_HTTP = noClasses().that().resideOutsideOfPackage("app.ret.adapters.http..")
            .should().dependOnClassesThat().resideInAPackage("com.fasterxml.jackson..")
            .as("Jackson only in adapters-http");

    static final ArchRule JDBC_ONLY_IN_DATABASE_ADAPTERS = noClasses()
            .that().resideOutsideOfPackages("app.ret.adapters.sqlite..", "app.ret.adapters.postgres..")
            .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "javax.sql..", "org.sqlite..", "org.postgresql..", "com.zaxxer..")
            .as("JDBC and the database drivers only in adapters-sqlite and adapters-postgres");

    static final ArchRule TIME_ONLY_FROM_AN_INJECTED_CLOCK = noClasses().that().resideInAnyPackage(DOMAIN, APPLICATION)
            .should().callMethod(Instant.class, "now")
            .orShould().callMethod(System.class, "currentTimeMillis")
            .orShould().callMethod(Clock.class, "systemUTC")
            .orShould().callMethod(Clock.class, "systemDefaultZone")
            .orShould().callMethod(LocalDateTime.class, "now")
            .as("domain and application read time only from an injected Clock");

    static final ArchRule INBOUND_PORTS_ARE_USE_CASES = classes().that().resideInAPackage(PORTS_IN)
            .and().areInterfaces().and().areTopLevelClasses()
            .should().haveSimpleNameEndingWith("UseCase")
            .as("inbound ports end in UseCase");

    static final ArchRule DRIVEN_PORTS_ARE_IMPLEMENTED_BY_ADAPTERS = classes()
            .that().implement(describe("a driven port", (JavaClass type) -> type.getPackageName().startsWith("app.ret.ports.out")))
            .should().resideInAPackage(ADAPTERS)
            .as("implementations of ports.out live in adapters");

    static final ArchRule SERVICES_STAY_INSIDE_THE_APPLICATION = classes().that().resideInAPackage(APPLICATION)
            .and().haveSimpleNameEndingWith("Service")
            .should().onlyBeAccessed().byAnyPackage(APPLICATION)
            .as("application services are reached only through RetCore's use cases");

    static final Map<String, ArchRule> ALL = Map.ofEntries(
            Map.entry("layers", LAYERS),
            Map.entry("everyClassInALayer", EVERY_CLASS_IN_A_LAYER),
            Map.entry("domainUsesOnlyJdkBasics", DOMAIN_USES_ONLY_THE_JDK_BASICS),
            Map.entry("coreHasNoInfrastructure", CORE_HAS_NO_INFRASTRUCTURE),
            Map.entry("coreUsesOnlyByteStreams", CORE_USES_ONLY_BYTE_STREAMS_FROM_JAVA_IO),
            Map.entry("jacksonOnlyInHttp", JACKSON_ONLY_IN_HTTP),
            Map.entry("jdbcOnlyInDatabaseAdapters", JDBC_ONLY_IN_DATABASE_ADAPTERS),
            Map.entry("timeFromInjectedClock", TIME_ONLY_FROM_AN_INJECTED_CLOCK),
            Map.entry("inboundPortsAreUseCases", INBOUND_PORTS_ARE_USE_CASES),
            Map.entry("drivenPortsImplementedByAdapters", DRIVEN_PORTS_ARE_IMPLEMENTED_BY_ADAPTERS),
            Map.entry("servicesStayInsideTheApplication", SERVICES_STAY_INSIDE_THE_APPLICATION));

    private RetArchitectureRules() {}
}
