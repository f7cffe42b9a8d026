package app.ret.domain.files;

import java.util.List;

/** What an upload stored, and which archive entries it left out. */
public record UploadResult(List<StoredFile> files, List<SkippedEntry> skipped) {
    public UploadResult {
        files = List.copyOf(files);
        skipped = List.copyOf(skipped);
    }
}
