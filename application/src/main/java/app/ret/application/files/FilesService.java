package app.ret.application.files;

import app.ret.application.quota.StorageQuota;
import app.ret.domain.files.FileKind;
import app.ret.domain.files.FileLimits;
import app.ret.domain.files.FileName;
import app.ret.domain.files.PathPrefix;
import app.ret.domain.files.StoredFile;
import app.ret.domain.files.UploadKind;
import app.ret.domain.files.UploadOutcome;
import app.ret.domain.files.UploadRefusal;
import app.ret.domain.files.WorkspacePath;
import app.ret.domain.session.SessionId;
import app.ret.ports.in.FilesUseCase;
import app.ret.ports.out.FileContent;
import app.ret.ports.out.SessionFiles;
import app.ret.ports.out.SessionFiles.Spool;
import app.ret.ports.out.SessionFiles.SpoolResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Optional;

/**
 * Uploads are judged by their bytes, not their name or declared type: the body is spooled (within
 * the upload limit), its first bytes decide between XML and ZIP, and the store then places it
 * within the session's and its user's quotas — or refuses it whole.
 */
public final class FilesService implements FilesUseCase {
    private static final System.Logger LOG = System.getLogger(FilesService.class.getName());

    private final SessionFiles files;
    private final FileLimits limits;
    private final StorageQuota quota;

    public FilesService(FilesDependencies dependencies, StorageQuota quota) {
        this.files = dependencies.store();
        this.limits = dependencies.limits();
        this.quota = quota;
    }

    @Override
    public long maxUploadBytes() {
        return limits.maxUploadBytes();
    }

    @Override
    public UploadOutcome upload(SessionId owner, String name, InputStream body) throws IOException {
        Optional<FileName> fileName = FileName.reduce(name);
        if (fileName.isEmpty()) {
            return new UploadOutcome.Refused(UploadRefusal.UNUSABLE_NAME,
                    "The file name has no safe form: it is empty, or it is a path rather than a name.");
        }
        SpoolResult spooled = files.spool(owner, body, limits.maxUploadBytes());
        if (spooled.refusal().isPresent()) {
            UploadRefusal refusal = spooled.refusal().get();
            return new UploadOutcome.Refused(refusal, refusal == UploadRefusal.TOO_LARGE
                    ? "The upload exceeds " + limits.maxUploadBytes() + " bytes."
                    : "This session has no workspace.");
        }
        try (Spool spool = spooled.spool().orElseThrow()) {
            UploadOutcome outcome = place(owner, fileName.get(), spool);
            log(owner, outcome);
            return outcome;
        }
    }

    private UploadOutcome place(SessionId owner, FileName name, Spool spool) throws IOException {
        StorageQuota.FilesAllowance allowance = quota.filesAllowance(owner);
        UploadOutcome outcome = switch (UploadKind.sniff(spool.head())) {
            case XML -> files.store(owner, spool, WorkspacePath.of(FileKind.INPUT, name), allowance.bytes());
            case ZIP -> files.unpack(owner, spool, WorkspacePath.of(FileKind.INPUT, FileName.reduce(name.stem()).orElse(name)),
                    limits.archive(), allowance.bytes());
            case UNKNOWN -> new UploadOutcome.Refused(UploadRefusal.UNSUPPORTED_CONTENT, "The body is neither XML nor a ZIP archive.");
        };
        return outcome instanceof UploadOutcome.Refused refused && refused.refusal() == UploadRefusal.QUOTA_EXCEEDED
                ? new UploadOutcome.Refused(UploadRefusal.QUOTA_EXCEEDED, allowance.refusal())
                : outcome;
    }

    private static void log(SessionId owner, UploadOutcome outcome) {
        if (outcome instanceof UploadOutcome.Stored stored) {
            LOG.log(System.Logger.Level.INFO, "session {0} stored {1} files ({2} entries skipped)", owner,
                    stored.result().files().size(), stored.result().skipped().size());
        } else if (outcome instanceof UploadOutcome.Refused refused) {
            LOG.log(System.Logger.Level.INFO, "session {0}: upload refused ({1}): {2}", owner, refused.refusal(), refused.detail());
        }
    }

    @Override
    public List<StoredFile> list(SessionId owner) {
        return files.list(owner);
    }

    @Override
    public Optional<FileContent> open(SessionId owner, WorkspacePath path) throws IOException {
        return files.open(owner, path);
    }

    @Override
    public boolean delete(SessionId owner, WorkspacePath path) {
        return files.delete(owner, path);
    }

    @Override
    public void exportZip(SessionId owner, PathPrefix prefix, OutputStream out) throws IOException {
        files.exportZip(owner, prefix, out);
    }
}
