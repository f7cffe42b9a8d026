package app.ret.domain.files;

/** Why an archive is refused as a whole; the messages are safe to show (they never echo a name). */
public enum ArchiveProblem {
    ABSOLUTE_NAME("an entry name is an absolute path"),
    PARENT_REFERENCE("an entry name climbs out of the target folder with '..'"),
    BACKSLASH("an entry name contains a backslash"),
    DRIVE_LETTER("an entry name starts with a drive letter"),
    NUL_CHARACTER("an entry name contains a NUL character"),
    EMPTY_NAME("an entry has an empty name"),
    TOO_MANY_ENTRIES("the archive has more entries than allowed"),
    TOO_MANY_BYTES("the archive inflates to more bytes than allowed"),
    RATIO("an entry inflates more than the allowed ratio to its compressed size"),
    NESTED_TOO_DEEP("archives are nested deeper than allowed"),
    CORRUPT("the archive is corrupt or not a ZIP file");

    private final String message;

    ArchiveProblem(String message) {
        this.message = message;
    }

    public String message() {
        return message;
    }
}
