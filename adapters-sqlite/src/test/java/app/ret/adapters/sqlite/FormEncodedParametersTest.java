package app.ret.adapters.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.ret.domain.job.JobParameters;
import java.util.List;
import org.junit.jupiter.api.Test;

class FormEncodedParametersTest {
    @Test
    void anyStringsSurviveTheRoundTrip() {
        JobParameters parameters = JobParameters.of("format", "csv")
                .with("paths", List.of("input/a b.xml", "input/x&y=z%.xml", "input/ünï/中.xml", "", "+plus+", "line\nbreak"))
                .with("record", "auto");
        String encoded = FormEncodedParameters.encode(parameters);
        assertThat(encoded).doesNotContain(" ", "\n").startsWith("format=csv&paths=");
        assertThat(FormEncodedParameters.decode(encoded)).isEqualTo(parameters);
    }

    @Test
    void noParametersIsTheEmptyText() {
        assertThat(FormEncodedParameters.encode(JobParameters.NONE)).isEmpty();
        assertThat(FormEncodedParameters.decode("")).isEqualTo(JobParameters.NONE);
    }

    @Test
    void aNameWithoutValuesIsAbsent() {
        assertThat(FormEncodedParameters.decode(FormEncodedParameters.encode(JobParameters.NONE.with("paths", List.of()))))
                .isEqualTo(JobParameters.NONE);
    }

    @Test
    void damagedTextIsRefused() {
        assertThatThrownBy(() -> FormEncodedParameters.decode("format")).isInstanceOf(IllegalArgumentException.class);
    }
}
