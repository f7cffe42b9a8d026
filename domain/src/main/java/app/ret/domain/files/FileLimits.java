package app.ret.domain.files;

import java.util.Objects;

/** How much one upload may carry, how much one session may hold, and what one archive may cost. */
public record FileLimits(long maxUploadBytes, long sessionQuotaBytes, ArchiveLimits archive) {
    public FileLimits {
        if (maxUploadBytes < 1 || sessionQuotaBytes < 1) {
            throw new IllegalArgumentException("upload and quota limits must be positive");
        }
        Objects.requireNonNull(archive, "archive");
    }
}
