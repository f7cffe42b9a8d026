package app.ret.domain.id;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.ret.domain.job.JobId;
import app.ret.domain.session.SessionId;
import org.junit.jupiter.api.Test;

class RandomIdTest {

    @Test
    void randomBytesBecomeThirtyTwoLowerCaseHexDigits() {
        byte[] bytes = new byte[RandomId.RANDOM_BYTES];
        bytes[0] = (byte) 0xAB;
        assertThat(RandomId.fromRandomBytes(bytes, "id")).isEqualTo("ab" + "0".repeat(30));
        assertThat(JobId.fromRandomBytes(bytes).value()).isEqualTo(SessionId.fromRandomBytes(bytes).value());
    }

    @Test
    void onlyThirtyTwoLowerCaseHexDigitsAreValid() {
        assertThat(RandomId.isValid("0123456789abcdef0123456789abcdef")).isTrue();
        assertThat(RandomId.isValid("0123456789ABCDEF0123456789abcdef")).isFalse();
        assertThat(RandomId.isValid("0123456789abcdef0123456789abcde")).isFalse();
        assertThat(RandomId.isValid("../../etc")).isFalse();
        assertThat(RandomId.isValid(null)).isFalse();
    }

    @Test
    void eachIdTypeNamesItselfWhenRefused() {
        assertThatThrownBy(() -> new JobId("..")).hasMessage("job id must be 32 lower-case hex digits");
        assertThatThrownBy(() -> new SessionId(null)).hasMessage("session id must be 32 lower-case hex digits");
        assertThatThrownBy(() -> JobId.fromRandomBytes(new byte[8])).hasMessage("job id needs exactly 16 random bytes");
        assertThatThrownBy(() -> SessionId.fromRandomBytes(new byte[17])).hasMessage("session id needs exactly 16 random bytes");
    }

    @Test
    void aValidIdIsHandedBackAsItIs() {
        assertThat(RandomId.requireValid("0123456789abcdef0123456789abcdef", "job id")).isEqualTo("0123456789abcdef0123456789abcdef");
    }
}
