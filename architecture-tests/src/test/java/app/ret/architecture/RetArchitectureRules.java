package app.ret.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.Architectures.LayeredArchitecture;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.text.Normalizer;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

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

    /** A layer: its name in the rules and the packages it is made of. */
    record Layer(String name, String packages) {}

    /**
     * The driven and driving adapters, each a layer that may use only the ports and the domain and
     * is used only by bootstrap. A new adapter module is one line here, plus one planted class in
     * {@code PlantedViolationsTest}'s ring of adapters (which fails until it has one).
     */
    static final List<Layer> ADAPTER_LAYERS = List.of(
            new Layer("Memory", "app.ret.adapters.memory.."),
            new Layer("Sqlite", "app.ret.adapters.sqlite.."),
            new Layer("Postgres", "app.ret.adapters.postgres.."),
            new Layer("Files", "app.ret.adapters.files.."),
            new Layer("Security", "app.ret.adapters.security.."),
            new Layer("Http", "app.ret.adapters.http.."));

    static final List<Layer> LAYER_DEFINITIONS = Stream.of(
                    Stream.of(new Layer("Domain", DOMAIN), new Layer("Ports", PORTS), new Layer("Application", APPLICATION)),
                    ADAPTER_LAYERS.stream(),
                    Stream.of(new Layer("Bootstrap", BOOTSTRAP)))
            .flatMap(layers -> layers)
            .toList();

    /** One {@code whereLayer(...)} line of the layered architecture, named the way ArchUnit describes it. */
    record LayerConstraint(String description, UnaryOperator<LayeredArchitecture> constrain) {}

    static final List<LayerConstraint> LAYER_CONSTRAINTS = layerConstraints();

    static final ArchRule LAYERS = LAYER_CONSTRAINTS.stream()
            .reduce(layerDefinitions(), (architecture, constraint) -> constraint.constrain().apply(architecture), (a, b) -> a)
            .as("layers: domain -> nothing; ports/application -> domain; adapters -> ports + domain only; nothing -> bootstrap");

    private static List<LayerConstraint> layerConstraints() {
        List<LayerConstraint> constraints = new ArrayList<>(List.of(
                new LayerConstraint("Domain may not access any layer", layers -> layers.whereLayer("Domain").mayNotAccessAnyLayer()),
                mayOnlyAccess("Ports", "Domain"),
                mayOnlyAccess("Application", "Ports", "Domain"),
                mayOnlyBeAccessedBy("Application", "Bootstrap"),
                new LayerConstraint("Bootstrap may not be accessed by any layer",
                        layers -> layers.whereLayer("Bootstrap").mayNotBeAccessedByAnyLayer())));
        for (Layer adapter : ADAPTER_LAYERS) {
            constraints.add(mayOnlyAccess(adapter.name(), "Ports", "Domain"));
            constraints.add(mayOnlyBeAccessedBy(adapter.name(), "Bootstrap"));
        }
        return List.copyOf(constraints);
    }

    private static LayerConstraint mayOnlyAccess(String layer, String... others) {
        return new LayerConstraint(layer + " may only access " + String.join(", ", others),
                layers -> layers.whereLayer(layer).mayOnlyAccessLayers(others));
    }

    private static LayerConstraint mayOnlyBeAccessedBy(String layer, String... others) {
        return new LayerConstraint(layer + " may only be accessed by " + String.join(", ", others),
                layers -> layers.whereLayer(layer).mayOnlyBeAccessedByLayers(others));
    }

    private static LayeredArchitecture layerDefinitions() {
        LayeredArchitecture architecture = layeredArchitecture().consideringOnlyDependenciesInAnyPackage("app.ret..");
        for (Layer layer : LAYER_DEFINITIONS) {
            architecture = architecture.layer(layer.name()).definedBy(layer.packages());
        }
        return architecture;
    }

    /** One constraint on its own, empty layers allowed: a few planted classes show that this line alone catches them. */
    static ArchRule alone(LayerConstraint constraint) {
        return constraint.constrain().apply(layerDefinitions().withOptionalLayers(true)).as(constraint.description());
    }

    static final ArchRule EVERY_CLASS_IN_A_LAYER = classes()
            .should().resideInAnyPackage(DOMAIN, PORTS, APPLICATION, ADAPTERS, BOOTSTRAP)
            .as("every class belongs to a layer");

    static final ArchRule DOMAIN_USES_ONLY_THE_JDK_BASICS = classes().that().resideInAPackage(DOMAIN)
            .should().onlyDependOnClassesThat(JavaClass.Predicates.resideInAnyPackage(DOMAIN, "java.lang..", "java.util..", "java.time..", "java.math..")
                    // Unicode normalisation of file names is a domain rule (NFC); the class computes, it touches nothing outside.
                    .or(JavaClass.Predicates.belongToAnyOf(Normalizer.class)))
            .as("the domain depends on java.lang, java.util, java.time, java.math and java.text.Normalizer only");

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
