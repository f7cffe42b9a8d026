package app.ret.application.ops;

import static org.assertj.core.api.Assertions.assertThat;

import app.ret.application.RetCore;
import app.ret.application.TestCores;
import app.ret.ports.in.ReadinessUseCase.Readiness;
import app.ret.ports.out.HealthCheck;
import app.ret.ports.testing.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Readiness: every adapter check and the core's own, in order, a failing check reported as such rather than thrown. */
class ReadinessTest {
    @TempDir
    Path root;

    @Test
    void everyCheckIsReportedByNameAndOneProblemMakesTheServiceUnready() {
        ReadinessService readiness = new ReadinessService(List.of(check("database", Optional.empty()), check("disk", Optional.of("disk nearly full"))),
                List.of(new ReadinessService.Check("job_workers", Optional::empty)));

        Readiness result = readiness.check();

        assertThat(result.checks()).isEqualTo(Map.of("database", Readiness.OK, "disk", "disk nearly full", "job_workers", Readiness.OK));
        assertThat(result.ready()).isFalse();
        assertThat(new ReadinessService(List.of(check("database", Optional.empty())), List.of()).check().ready()).isTrue();
    }

    @Test
    void aCheckThatThrowsIsReportedAsFailedAndTheOthersStillRun() {
        HealthCheck broken = new HealthCheck() {
            @Override
            public String name() {
                return "database";
            }

            @Override
            public Optional<String> problem() {
                throw new IllegalStateException("connection refused");
            }
        };
        ReadinessService readiness = new ReadinessService(List.of(broken), List.of(new ReadinessService.Check("job_workers", Optional::empty)));

        assertThat(readiness.check().checks()).isEqualTo(Map.of("database", "failed", "job_workers", Readiness.OK));
    }

    @Test
    void theCoreIsReadyOnlyWhileItsJobWorkersRun() {
        RetCore core = TestCores.create(MutableClock.atSomeFixedTime(), root, TestCores.auth(5, Duration.ofSeconds(10)), TestCores.files(1 << 20, 4 << 20));

        assertThat(core.readiness().check().checks()).isEqualTo(Map.of("job_workers", "job workers not started"));
        core.jobExecution().start();
        assertThat(core.readiness().check().ready()).isTrue();
        core.jobExecution().stop(Duration.ofSeconds(5));
        assertThat(core.readiness().check().checks()).isEqualTo(Map.of("job_workers", "job workers stopping"));
    }

    private static HealthCheck check(String name, Optional<String> problem) {
        return new HealthCheck() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Optional<String> problem() {
                return problem;
            }
        };
    }
}
