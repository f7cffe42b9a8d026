package app.ret.domain.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ArchiveEntryTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "../evil.xml|PARENT_REFERENCE",
        "a/../../evil.xml|PARENT_REFERENCE",
        "a/b/..|PARENT_REFERENCE",
        "__MACOSX/../x.xml|PARENT_REFERENCE",
        "/etc/passwd.xml|ABSOLUTE_NAME",
        "/|ABSOLUTE_NAME",
        "..\\evil.xml|BACKSLASH",
        "a\\b.xml|BACKSLASH",
        "C:evil.xml|DRIVE_LETTER",
        "c:/windows/x.xml|DRIVE_LETTER"
    })
    void dangerousNamesRefuseTheArchive(String raw, ArchiveProblem problem) {
        assertThat(ArchiveEntry.classify(raw)).isEqualTo(new ArchiveEntry.Unsafe(problem));
    }

    @Test
    void nulAndEmptyNamesRefuseTheArchive() {
        assertThat(ArchiveEntry.classify("a\u0000.xml")).isEqualTo(new ArchiveEntry.Unsafe(ArchiveProblem.NUL_CHARACTER));
        assertThat(ArchiveEntry.classify("")).isEqualTo(new ArchiveEntry.Unsafe(ArchiveProblem.EMPTY_NAME));
        assertThat(ArchiveEntry.classify("\u0000a.xml")).isEqualTo(new ArchiveEntry.Unsafe(ArchiveProblem.NUL_CHARACTER));
        assertThat(ArchiveEntry.classify("\\a.xml")).isEqualTo(new ArchiveEntry.Unsafe(ArchiveProblem.BACKSLASH));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "__MACOSX/._a.xml|MACOS_METADATA",
        "__MACOSX/a.xml|MACOS_METADATA",
        ".DS_Store|HIDDEN_FILE",
        "dir/.hidden.xml|HIDDEN_FILE",
        ".git/config.xml|HIDDEN_FILE",
        "readme.txt|NOT_XML",
        "Small_test-examples.rar|NOT_XML",
        "a.xml.bak|NOT_XML"
    })
    void someEntriesAreLeftOutWithAReason(String raw, SkipReason reason) {
        assertThat(ArchiveEntry.classify(raw)).isEqualTo(new ArchiveEntry.Skipped(reason));
    }

    @Test
    void foldersAreIgnored() {
        assertThat(ArchiveEntry.classify("dir/")).isInstanceOf(ArchiveEntry.Folder.class);
        assertThat(ArchiveEntry.classify("./")).isInstanceOf(ArchiveEntry.Folder.class);
    }

    @Test
    void xmlEntriesMatchCaseInsensitivelyAndGetSafeNames() {
        assertThat(ArchiveEntry.classify("dir/./Sub Dir//A.XML"))
                .isEqualTo(new ArchiveEntry.Xml(List.of(new FileName("dir"), new FileName("Sub Dir"), new FileName("A.XML"))));
        assertThat(ArchiveEntry.classify("we?rd/na*me.xml"))
                .isEqualTo(new ArchiveEntry.Xml(List.of(new FileName("we_rd"), new FileName("na_me.xml"))));
    }

    @Test
    void nestedArchivesUnpackIntoAFolderNamedAfterTheirStem() {
        assertThat(ArchiveEntry.classify("deep/inner.ZIP"))
                .isEqualTo(new ArchiveEntry.NestedArchive(List.of(new FileName("deep"), new FileName("inner"))));
        assertThat(ArchiveEntry.classify("a..zip")).isEqualTo(new ArchiveEntry.NestedArchive(List.of(new FileName("a"))));
    }

    @Test
    void aHarmlessNameWithoutASafeFormIsUnnamable() {
        assertThat(ArchiveEntry.classify("   /a.xml")).isInstanceOf(ArchiveEntry.Unnamable.class);
    }
}
