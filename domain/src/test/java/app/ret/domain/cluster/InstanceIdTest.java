package app.ret.domain.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class InstanceIdTest {
    @Test
    void anInstanceIdIsOneToSixtyFourSafeCharacters() {
        assertThat(new InstanceId("web-1.eu_west")).hasToString("web-1.eu_west");
        assertThat(new InstanceId("x".repeat(64)).value()).hasSize(64);
        for (String bad : new String[] {"", "x".repeat(65), "a b", "a/b", "ü"}) {
            assertThatThrownBy(() -> new InstanceId(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void theDefaultIsTheHostAndProcessMadeSafeAndShortEnough() {
        assertThat(InstanceId.of("pod 7/ret", 4242).value()).isEqualTo("pod-7-ret-4242");
        assertThat(InstanceId.of("h".repeat(100), 12345).value()).hasSize(64).endsWith("h-12345");
        assertThat(InstanceId.of("", 1).value()).isEqualTo("ret-1");
    }
}
