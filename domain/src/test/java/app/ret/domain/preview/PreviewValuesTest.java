package app.ret.domain.preview;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class PreviewValuesTest {
    @Test
    void aPageRequestIsCappedAtTheMostRowsAPageHolds() {
        assertThat(PageRequest.capped(5, 50)).isEqualTo(new PageRequest(5, 50));
        assertThat(PageRequest.capped(0, 5_000)).isEqualTo(new PageRequest(0, PageRequest.MAX_LIMIT));
        assertThat(PageRequest.capped(0, Long.MAX_VALUE).limit()).isEqualTo(PageRequest.MAX_LIMIT);
    }

    @Test
    void aPageRequestRefusesANegativeOffsetAndAnEmptyOrOversizedPage() {
        assertThatThrownBy(() -> new PageRequest(-1, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PageRequest(0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PageRequest(0, PageRequest.MAX_LIMIT + 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PageRequest.capped(0, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aPageHoldsAtMostItsLimitOfRows() {
        assertThatThrownBy(() -> new TablePage(List.of("a"), List.of(List.of("1"), List.of("2")), new PageRequest(0, 1), OptionalLong.empty()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aFoundElementOccursAtLeastOnceBelowTheTop() {
        assertThatThrownBy(() -> new ElementCount("a", 0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ElementCount("a", 1, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theSmallestValidValuesAreAccepted() {
        assertThat(new PageRequest(0, 1).limit()).isEqualTo(1);
        assertThat(new PageRequest(0, PageRequest.MAX_LIMIT).limit()).isEqualTo(1000);
        assertThat(new ElementCount("a", 1, 1).count()).isEqualTo(1);
        assertThat(new TablePage(List.of("a"), List.of(List.of("1")), new PageRequest(0, 1), OptionalLong.of(1)).rows()).hasSize(1);
    }
}
