package app.ret.adapters.http.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PathTemplateTest {
    @Test
    void literalsMatchExactlyNotByPrefix() {
        PathTemplate files = PathTemplate.parse("/api/files");
        assertThat(files.match("/api/files")).contains(Map.of());
        assertThat(files.match("/api/filesX")).isEmpty();
        assertThat(files.match("/api/files/")).isEmpty();
        assertThat(files.match("/api")).isEmpty();
    }

    @Test
    void parametersTakeOneDecodedSegment() {
        PathTemplate job = PathTemplate.parse("/api/jobs/{id}");
        assertThat(job.match("/api/jobs/abc%20d")).contains(Map.of("id", "abc d"));
        assertThat(job.match("/api/jobs/a+b")).contains(Map.of("id", "a+b"));
        assertThat(job.match("/api/jobs/")).isEmpty();
        assertThat(job.match("/api/jobs/a/b")).isEmpty();
    }

    @Test
    void aGreedyTailTakesTheRest() {
        PathTemplate file = PathTemplate.parse("/api/files/{path*}");
        assertThat(file.match("/api/files/input/a/b.xml")).contains(Map.of("path", "input/a/b.xml"));
        assertThat(file.match("/api/files/input/%2e%2e/x")).contains(Map.of("path", "input/../x"));
        assertThat(file.match("/api/files")).isEmpty();
        assertThatThrownBy(() -> PathTemplate.parse("/a/{x*}/{y}")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PathTemplate.parse("/a/{x*}/b/{y*}")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void literalSegmentsAfterAGreedyOneMustEndThePath() {
        PathTemplate preview = PathTemplate.parse("/api/files/{path*}/preview");
        assertThat(preview.match("/api/files/output/a/b.csv/preview")).contains(Map.of("path", "output/a/b.csv"));
        assertThat(preview.match("/api/files/output/b%2Ecsv/preview")).contains(Map.of("path", "output/b.csv"));
        assertThat(preview.match("/api/files/preview")).isEmpty();
        assertThat(preview.match("/api/files/output/b.csv")).isEmpty();
        assertThat(preview.match("/api/files/output/b.csv/preview/x")).isEmpty();
    }

    @Test
    void malformedEscapesStayLiteral() {
        assertThat(PathTemplate.decode("100%")).isEqualTo("100%");
        assertThat(PathTemplate.decode("%zz")).isEqualTo("%zz");
        assertThat(PathTemplate.decode("%C3%A9")).isEqualTo("é");
    }

    @Test
    void theRootMatchesOnlyItself() {
        assertThat(PathTemplate.parse("/").match("/")).contains(Map.of());
        assertThat(PathTemplate.parse("/").match("/x")).isEmpty();
    }
}
