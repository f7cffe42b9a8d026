package app.ret.domain.conversion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.ret.domain.conversion.ConversionInputs.Selection;
import app.ret.domain.files.WorkspacePath;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConversionInputsTest {
    private static final List<WorkspacePath> FILES = List.of(path("input/top.xml"), path("input/pack/a.xml"),
            path("input/pack/inner/b.XML"), path("input/pack/c.xml"), path("output/top.csv"));

    @Test
    void neitherPathsNorGroupsMeansEveryInput() {
        assertThat(select(Optional.empty(), Optional.empty()))
                .containsExactly("input/pack/a.xml", "input/pack/c.xml", "input/pack/inner/b.XML", "input/top.xml");
    }

    @Test
    void pathsAndGroupsAreJoinedWithoutRepeats() {
        assertThat(select(Optional.of(List.of("input/top.xml", "input/pack/a.xml")), Optional.of(List.of("pack"))))
                .containsExactly("input/pack/a.xml", "input/pack/c.xml", "input/top.xml");
        assertThat(select(Optional.empty(), Optional.of(List.of("")))).containsExactly("input/top.xml");
        assertThat(select(Optional.empty(), Optional.of(List.of("pack/inner")))).containsExactly("input/pack/inner/b.XML");
    }

    @Test
    void whatSelectsNothingIsInvalid() {
        assertThat(ConversionInputs.select(FILES, Optional.of(List.of("input/none.xml")), Optional.empty()))
                .isEqualTo(new Selection.Invalid("paths[0] is not an input file of this session."));
        assertThat(ConversionInputs.select(FILES, Optional.of(List.of("output/top.csv")), Optional.empty()))
                .isInstanceOf(Selection.Invalid.class);
        assertThat(ConversionInputs.select(FILES, Optional.of(List.of("input/../input/top.xml")), Optional.empty()))
                .isInstanceOf(Selection.Invalid.class);
        assertThat(ConversionInputs.select(FILES, Optional.empty(), Optional.of(List.of("pack", "nope"))))
                .isEqualTo(new Selection.Invalid("groups[1] holds no input file of this session."));
        assertThat(ConversionInputs.select(FILES, Optional.of(List.of()), Optional.of(List.of())))
                .isEqualTo(new Selection.Invalid("The request selects no input file."));
        assertThat(ConversionInputs.select(List.of(path("output/a.csv")), Optional.empty(), Optional.empty()))
                .isEqualTo(new Selection.Invalid("The session has no input files to convert."));
    }

    @Test
    void eachInputHasItsCsvInTheSameFolderOfTheOutputArea() {
        assertThat(ConversionInputs.outputFor(path("input/pack/a.xml"), ConversionOptions.DEFAULTS).value()).isEqualTo("output/pack/a.csv");
        assertThat(ConversionInputs.outputFor(path("input/pack/B.XML"), ConversionOptions.DEFAULTS).value()).isEqualTo("output/pack/B.csv");
        assertThat(ConversionInputs.outputFor(path("input/data"), ConversionOptions.DEFAULTS).value()).isEqualTo("output/data.csv");
        assertThat(ConversionInputs.outputFor(path("input/a..xml"), ConversionOptions.DEFAULTS).value()).isEqualTo("output/a..csv");
        String longName = "n".repeat(255);
        assertThat(ConversionInputs.outputFor(path("input/" + longName), ConversionOptions.DEFAULTS).fileName().value()).hasSize(255).endsWith(".csv");
        assertThatThrownBy(() -> ConversionInputs.outputFor(path("output/a.csv"), ConversionOptions.DEFAULTS)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void optionsOtherThanTheDefaultsAreVisibleInTheOutputName() {
        WorkspacePath input = path("input/pack/a.xml");
        assertThat(ConversionInputs.outputFor(input, ConversionOptions.DEFAULTS.withRecord(RecordSelector.parse("journal_article"))).value())
                .isEqualTo("output/pack/a.record-journal_article.csv");
        assertThat(ConversionInputs.outputFor(input, ConversionOptions.DEFAULTS.withFormulaGuard(false).withBom(true)).value())
                .isEqualTo("output/pack/a.no-formula-guard.bom.csv");
        assertThat(ConversionInputs.outputFor(input, new ConversionOptions(RecordSelector.parse("book"), false, true)).value())
                .isEqualTo("output/pack/a.record-book.no-formula-guard.bom.csv");
    }

    private static List<String> select(Optional<List<String>> paths, Optional<List<String>> groups) {
        Selection selection = ConversionInputs.select(FILES, paths, groups);
        assertThat(selection).isInstanceOf(Selection.Selected.class);
        return ((Selection.Selected) selection).inputs().stream().map(WorkspacePath::value).toList();
    }

    private static WorkspacePath path(String value) {
        return WorkspacePath.parse(value).orElseThrow();
    }
}
