package app.ret.domain.files;

/** Why an upload stored nothing. */
public enum UploadRefusal {
    /** The file name (or an entry's) has no safe form. */
    UNUSABLE_NAME,
    /** The body is longer than the upload limit. */
    TOO_LARGE,
    /** The bytes are neither XML nor a ZIP archive. */
    UNSUPPORTED_CONTENT,
    /** The archive breaks a safety rule ({@link ArchiveProblem}). */
    UNSAFE_ARCHIVE,
    /** Storing it would take the session over its quota. */
    QUOTA_EXCEEDED,
    /** A file stands where a folder must go, or the other way round. */
    CONFLICT,
    /** A name in the path differs only in case from one already in its folder. */
    DUPLICATE_NAME,
    /** The session has no workspace (any more). */
    NO_WORKSPACE
}
