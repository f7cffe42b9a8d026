package app.ret.domain.files;

import java.util.Objects;

/** An upload either stored its files (all of them) or nothing at all, for one reason. */
public sealed interface UploadOutcome {
    record Stored(UploadResult result) implements UploadOutcome {
        public Stored {
            Objects.requireNonNull(result, "result");
        }
    }

    /** {@code detail} is safe to show the client: it names no server path. */
    record Refused(UploadRefusal refusal, String detail) implements UploadOutcome {
        public Refused {
            Objects.requireNonNull(refusal, "refusal");
            if (detail == null || detail.isBlank()) {
                throw new IllegalArgumentException("a refusal explains itself");
            }
        }
    }
}
