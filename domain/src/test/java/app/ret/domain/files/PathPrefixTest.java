package app.ret.domain.files;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PathPrefixTest {

    @Test
    void selectsPathsByTheirStart() {
        PathPrefix outputs = PathPrefix.parse("output/").orElseThrow();
        assertThat(outputs.matches(WorkspacePath.parse("output/a.csv").orElseThrow())).isTrue();
        assertThat(outputs.matches(WorkspacePath.parse("input/a.xml").orElseThrow())).isFalse();
        assertThat(PathPrefix.EVERYTHING.matches(WorkspacePath.parse("input/a.xml").orElseThrow())).isTrue();
        assertThat(PathPrefix.parse("input/examples/").orElseThrow()
                .matches(WorkspacePath.parse("input/examples/x/a.xml").orElseThrow())).isTrue();
        assertThat(PathPrefix.parse("in")).isPresent();
    }

    @Test
    void refusesWhatCouldNotStartAWorkspacePath() {
        for (String raw : new String[] {"/", "../", "output/../../", "sessions/", "input\\", "output/\u0000", "x"}) {
            assertThat(PathPrefix.parse(raw)).as(raw).isEmpty();
        }
    }

    @Test
    void aBackslashOrNulAnywhereAndMoreThanAPathsLengthAreRefused() {
        assertThat(PathPrefix.parse("\\input/")).isEmpty();
        assertThat(PathPrefix.parse("\0input/")).isEmpty();
        String longest = "output/" + "a".repeat(WorkspacePath.MAX_LENGTH - 7);
        assertThat(PathPrefix.parse(longest)).map(PathPrefix::value).contains(longest);
        assertThat(PathPrefix.parse(longest + "a")).isEmpty();
    }
}
