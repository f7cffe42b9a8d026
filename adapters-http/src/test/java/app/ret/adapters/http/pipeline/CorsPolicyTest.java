package app.ret.adapters.http.pipeline;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class CorsPolicyTest {
    @Test
    void originsAreSchemeHostAndPortOnly() {
        assertThatCode(() -> CorsPolicy.parse(List.of("https://app.example.com", "http://localhost:5173", "https://x.example/")))
                .doesNotThrowAnyException();
        for (String bad : List.of("*", "app.example.com", "ftp://app.example.com", "https://app.example.com/path",
                "https://user@app.example.com", "https://app.example.com?q=1", "https://app.example.com#f", "https://")) {
            assertThatThrownBy(() -> CorsPolicy.parse(List.of(bad))).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
