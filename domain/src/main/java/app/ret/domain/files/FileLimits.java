package app.ret.domain.files;

import java.util.Objects;

/**
 * How much one upload may carry, how much one session may hold (its files and its state), how much
 * one user may hold across all their sessions (files, state and conversion results), and what one
 * archive may cost.
 */
public record FileLimits(long maxUploadBytes, long sessionQuotaBytes, long userQuotaBytes, ArchiveLimits archive) {
    public FileLimits {
        if (maxUploadBytes < 1 || sessionQuotaBytes < 1 || userQuotaBytes < 1) {
            throw new IllegalArgumentException("upload and quota limits must be positive");
        }
        Objects.requireNonNull(archive, "archive");
    }
}
