package app.ret.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** {@code .env.example} lists exactly the variables RetConfig knows, each with the default RetConfig applies. */
class EnvExampleTest {
    @Test
    void theExampleListsEveryVariableOfRetConfigAndNothingElse() throws IOException {
        Map<String, String> example = example();
        Map<String, String> defaults = RetConfig.from(Map.of()).describe();

        assertThat(example.keySet()).as("variables in .env.example vs RetConfig").containsExactlyInAnyOrderElementsOf(defaults.keySet());
    }

    @Test
    void theExampleIsAValidConfigurationWithTheDefaults() throws IOException {
        Map<String, String> example = example();
        Map<String, String> fromExample = RetConfig.from(example).describe();
        Map<String, String> defaults = RetConfig.from(Map.of()).describe();

        assertThat(fromExample).as("the example's values are the defaults").isEqualTo(defaults);
    }

    private static Map<String, String> example() throws IOException {
        Map<String, String> variables = new LinkedHashMap<>();
        for (String line : Files.readAllLines(Checkout.root().resolve(".env.example"), StandardCharsets.UTF_8)) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            int equals = trimmed.indexOf('=');
            assertThat(equals).as("a NAME=value line: " + line).isPositive();
            assertThat(variables.put(trimmed.substring(0, equals), trimmed.substring(equals + 1))).as("listed once: " + line).isNull();
        }
        return variables;
    }
}
