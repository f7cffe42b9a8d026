package app.ret.application.files;

import app.ret.application.quota.StorageQuota;
import app.ret.domain.files.FileLimits;
import app.ret.domain.files.UploadOutcome;
import app.ret.domain.files.UploadRefusal;
import app.ret.domain.files.WorkspacePath;
import app.ret.domain.session.SessionId;
import app.ret.ports.out.SessionFiles;
import app.ret.ports.out.SessionFiles.Spool;
import app.ret.ports.out.SessionFiles.SpoolResult;
import java.io.IOException;
import java.io.InputStream;

/** Puts what a job produced into a session's output area through a spool: whole, within the session's and its user's quotas, replacing an older file. */
public final class OutputPlacement {
    private final SessionFiles files;
    private final FileLimits limits;
    private final StorageQuota quota;

    public OutputPlacement(FilesDependencies dependencies, StorageQuota quota) {
        this.files = dependencies.store();
        this.limits = dependencies.limits();
        this.quota = quota;
    }

    /** Where the bytes went. */
    public sealed interface Placed {
        /** In place, with the digest of the bytes placed (a later reader can tell whether the file is still these bytes). */
        record Stored(String sha256) implements Placed {}

        /** Not written, with a job error code ({@code quota_exceeded}, {@code conflict}) and a message for people. */
        record Refused(String code, String message) implements Placed {}

        /** The workspace is gone: the session ended under the job. */
        record SessionGone() implements Placed {}
    }

    public Placed place(SessionId owner, InputStream content, WorkspacePath target) throws IOException {
        SpoolResult spooled = files.spool(owner, content, limits.sessionQuotaBytes());
        if (spooled.refusal().isPresent()) {
            return spooled.refusal().get() == UploadRefusal.NO_WORKSPACE ? new Placed.SessionGone()
                    : new Placed.Refused("quota_exceeded", "The output alone is larger than the session quota.");
        }
        UploadOutcome stored;
        String sha256;
        StorageQuota.FilesAllowance allowance = quota.filesAllowance(owner);
        try (Spool spool = spooled.spool().orElseThrow()) {
            sha256 = spool.sha256();
            stored = files.store(owner, spool, target, allowance.bytes());
        }
        if (stored instanceof UploadOutcome.Refused refused) {
            return switch (refused.refusal()) {
                case NO_WORKSPACE -> new Placed.SessionGone();
                case QUOTA_EXCEEDED -> new Placed.Refused("quota_exceeded", allowance.refusal());
                case DUPLICATE_NAME -> new Placed.Refused("duplicate_name", refused.detail());
                default -> new Placed.Refused("conflict", refused.detail());
            };
        }
        return new Placed.Stored(sha256);
    }
}
