package app.ret.domain.files;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WorkspacePathTest {

    @Test
    void parsesCanonicalPaths() {
        WorkspacePath path = WorkspacePath.parse("input/examples/nested/a.xml").orElseThrow();
        assertThat(path.kind()).isEqualTo(FileKind.INPUT);
        assertThat(path.fileName().value()).isEqualTo("a.xml");
        assertThat(path.group()).isEqualTo("examples/nested");
        assertThat(path.value()).isEqualTo("input/examples/nested/a.xml");
        WorkspacePath top = WorkspacePath.parse("output/a.csv").orElseThrow();
        assertThat(top.kind()).isEqualTo(FileKind.OUTPUT);
        assertThat(top.group()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "input", "input/", "/input/a.xml", "input//a.xml", "input/./a.xml", "input/../a.xml",
        "input/a/../../b.xml", "..", "../sessions/x/input/a.xml", "input\\a.xml", "input/..\\a.xml", "input/C:a.xml",
        "input/a\u0000.xml", "sessions/a.xml", "INPUT/a.xml", "input/.hidden", "input/a.xml/", "input/a b.xml ",
        "output/a<b.csv"})
    void refusesEverythingElse(String raw) {
        assertThat(WorkspacePath.parse(raw)).isEmpty();
    }

    @Test
    void refusesOverlongAndOverdeepPaths() {
        assertThat(WorkspacePath.parse("input/" + "a/".repeat(WorkspacePath.MAX_DEPTH) + "b.xml")).isEmpty();
        String longName = "n".repeat(200);
        String tooLong = "input/" + String.join("/", longName, longName, longName, longName, longName, longName, "f.xml");
        assertThat(tooLong.length()).isGreaterThan(WorkspacePath.MAX_LENGTH);
        assertThat(WorkspacePath.parse(tooLong)).isEmpty();
    }

    @Test
    void resolveAppendsNames() {
        WorkspacePath folder = WorkspacePath.of(FileKind.INPUT, new FileName("examples"));
        WorkspacePath file = folder.resolve(List.of(new FileName("inner"), new FileName("a.xml")));
        assertThat(file.value()).isEqualTo("input/examples/inner/a.xml");
        assertThat(file.group()).isEqualTo("examples/inner");
    }

    @Test
    void tryResolveRefusesPathsBeyondTheLimits() {
        WorkspacePath folder = WorkspacePath.of(FileKind.INPUT, new FileName("group"));
        List<FileName> deep = java.util.Collections.nCopies(WorkspacePath.MAX_DEPTH, new FileName("d"));
        assertThat(folder.tryResolve(deep)).isEmpty();
        assertThat(folder.tryResolve(deep.subList(1, deep.size()))).isPresent();
        List<FileName> wide = java.util.Collections.nCopies(5, new FileName("w".repeat(250)));
        assertThat(folder.tryResolve(wide)).isEmpty();
    }

    @Test
    void thirtyTwoNamesAndOneThousandTwentyFourCharactersAreTheLimits() {
        String deepest = "input/" + "a/".repeat(WorkspacePath.MAX_DEPTH - 1) + "b.xml";
        assertThat(WorkspacePath.parse(deepest)).map(WorkspacePath::value).contains(deepest);
        assertThat(new WorkspacePath(FileKind.INPUT, java.util.Collections.nCopies(WorkspacePath.MAX_DEPTH, new FileName("d"))).segments())
                .hasSize(32);
        assertThatThrownBy(() -> new WorkspacePath(FileKind.INPUT, java.util.Collections.nCopies(33, new FileName("d"))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new WorkspacePath(FileKind.INPUT, List.of())).isInstanceOf(IllegalArgumentException.class);
        String longest = "input/" + "n".repeat(200) + "/" + "n".repeat(200) + "/" + "n".repeat(200) + "/" + "n".repeat(200) + "/"
                + "x".repeat(WorkspacePath.MAX_LENGTH - 6 - 4 * 201);
        assertThat(longest).hasSize(WorkspacePath.MAX_LENGTH);
        assertThat(WorkspacePath.parse(longest)).isPresent();
        assertThat(WorkspacePath.parse(longest + "x")).isEmpty();
        WorkspacePath folder = WorkspacePath.parse(longest.substring(0, longest.lastIndexOf('/'))).orElseThrow();
        String last = longest.substring(longest.lastIndexOf('/') + 1);
        assertThat(folder.tryResolve(List.of(new FileName(last)))).map(WorkspacePath::value).contains(longest);
        assertThat(folder.tryResolve(List.of(new FileName(last + "x")))).isEmpty();
        assertThatThrownBy(() -> folder.resolve(List.of(new FileName(last + "x")))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aPathReadsAsItsCanonicalText() {
        assertThat(WorkspacePath.parse("output/a/b.csv").orElseThrow()).hasToString("output/a/b.csv");
        assertThat(WorkspacePath.parse("output/b.csv").orElseThrow().group()).isEmpty();
    }
}
