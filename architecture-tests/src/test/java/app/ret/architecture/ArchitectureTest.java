package app.ret.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Checks the production classes of every module against every rule. */
class ArchitectureTest {
    private static JavaClasses production;

    @BeforeAll
    static void importProductionClasses() {
        // DoNotIncludeTests, not DoNotIncludeJars: under `mvn verify` the sibling modules arrive as jars.
        production = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("app.ret");
    }

    static Stream<Arguments> rules() {
        return RetArchitectureRules.ALL.entrySet().stream().map(rule -> Arguments.of(rule.getKey(), rule.getValue()));
    }

    @Test
    void theImportSeesEveryModule() {
        assertThat(production.stream().map(type -> type.getName()))
                .contains("app.ret.domain.session.Session",
                        "app.ret.ports.out.SessionStore",
                        "app.ret.application.RetCore",
                        "app.ret.adapters.memory.InMemorySessionStore",
                        "app.ret.adapters.sqlite.SqliteDatabase",
                        "app.ret.adapters.postgres.PostgresDatabase",
                        "app.ret.adapters.files.workspace.DiskWorkspace",
                        "app.ret.adapters.security.Hs256AccessTokenCodec",
                        "app.ret.adapters.http.RetHttpServer",
                        "app.ret.bootstrap.RetRuntime");
        assertThat(production.stream().map(type -> type.getName()))
                .noneMatch(name -> name.endsWith("Test") || name.contains(".planted."));
    }

    @Test
    void noLayerIsEmpty() {
        assertThat(RetArchitectureRules.LAYER_DEFINITIONS).allSatisfy(layer ->
                assertThat(production.that(JavaClass.Predicates.resideInAPackage(layer.packages())))
                        .as("production classes of layer %s (%s)", layer.name(), layer.packages()).isNotEmpty());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void productionCodeFollows(String name, ArchRule rule) {
        rule.check(production);
    }
}
