package app.ret.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import app.ret.adapters.memory.planted.AdapterUsingAnotherAdapter;
import app.ret.adapters.memory.planted.AdapterReachingIntoTheApplication;
import app.ret.application.planted.ShadowService;
import app.ret.domain.planted.DomainReadingTheWallClock;
import app.ret.domain.planted.DomainUsingJdbc;
import app.ret.domain.planted.DomainUsingJson;
import app.ret.domain.planted.DomainWritingFiles;
import app.ret.domain.planted.DomainDrivenPortImplementation;
import app.ret.ports.in.planted.PlantedQuery;
import app.ret.stray.ClassOutsideEveryLayer;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Each rule must catch a planted violation, so no rule can ever pass vacuously. */
class PlantedViolationsTest {
    private static final Map<String, Class<?>[]> PLANTED = Map.ofEntries(
            Map.entry("layers", new Class<?>[] {AdapterUsingAnotherAdapter.class, app.ret.adapters.sqlite.SqliteDatabase.class}),
            Map.entry("everyClassInALayer", new Class<?>[] {ClassOutsideEveryLayer.class}),
            Map.entry("domainUsesOnlyJdkBasics", new Class<?>[] {DomainWritingFiles.class}),
            Map.entry("coreHasNoInfrastructure", new Class<?>[] {DomainUsingJdbc.class}),
            Map.entry("coreUsesOnlyByteStreams", new Class<?>[] {DomainWritingFiles.class}),
            Map.entry("jacksonOnlyInHttp", new Class<?>[] {DomainUsingJson.class}),
            Map.entry("jdbcOnlyInDatabaseAdapters", new Class<?>[] {DomainUsingJdbc.class}),
            Map.entry("timeFromInjectedClock", new Class<?>[] {DomainReadingTheWallClock.class}),
            Map.entry("inboundPortsAreUseCases", new Class<?>[] {PlantedQuery.class}),
            Map.entry("drivenPortsImplementedByAdapters", new Class<?>[] {DomainDrivenPortImplementation.class}),
            Map.entry("servicesStayInsideTheApplication", new Class<?>[] {ShadowService.class, AdapterReachingIntoTheApplication.class}));

    @Test
    void everyRuleHasAPlantedViolation() {
        assertThat(PLANTED.keySet()).containsExactlyInAnyOrderElementsOf(RetArchitectureRules.ALL.keySet());
    }

    @Test
    void everyRuleCatchesItsPlantedViolation() {
        Set<String> missed = RetArchitectureRules.ALL.entrySet().stream()
                .filter(rule -> !violates(rule.getValue(), new ClassFileImporter().importClasses(PLANTED.get(rule.getKey()))))
                .map(Map.Entry::getKey)
                .collect(Collectors.toSet());
        assertThat(missed).as("rules that did not catch their planted violation").isEmpty();
    }

    private static boolean violates(ArchRule rule, JavaClasses classes) {
        return rule.evaluate(classes).hasViolation();
    }
}
