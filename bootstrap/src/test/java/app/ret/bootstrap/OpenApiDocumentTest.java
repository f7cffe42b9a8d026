package app.ret.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The served OpenAPI document and the router describe the same API: no route undocumented, no phantom. */
class OpenApiDocumentTest extends ServerPerTestFixture {
    private static final Set<String> HTTP_METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");

    @Test
    void everyRouteIsDocumentedAndEveryDocumentedOperationExists() {
        Set<String> routed = ret.runtime.routes().stream()
                .flatMap(provider -> provider.routes().stream())
                .map(route -> route.method() + " " + route.path().template().replace("*}", "}"))
                .collect(Collectors.toCollection(TreeSet::new));

        JsonNode document = RunningRet.json(ret.send(ret.request("/api/openapi.json").GET()));
        Set<String> documented = new TreeSet<>();
        for (Map.Entry<String, JsonNode> path : document.get("paths").properties()) {
            for (Map.Entry<String, JsonNode> operation : path.getValue().properties()) {
                if (HTTP_METHODS.contains(operation.getKey())) {
                    documented.add(operation.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey());
                }
            }
        }

        assertThat(documented).isEqualTo(routed);
        assertThat(document.get("openapi").asText()).isEqualTo("3.1.0");
    }
}
