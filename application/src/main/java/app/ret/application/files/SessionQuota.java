package app.ret.application.files;

import app.ret.domain.files.StoredFile;
import app.ret.domain.session.SessionId;
import app.ret.ports.out.SearchIndex;
import app.ret.ports.out.SessionFiles;

/** One quota over what a session holds: its files and its search index together. */
public final class SessionQuota {
    private final SessionFiles files;
    private final SearchIndex index;
    private final long quotaBytes;

    public SessionQuota(FilesDependencies dependencies) {
        this.files = dependencies.store();
        this.index = dependencies.searchIndex();
        this.quotaBytes = dependencies.limits().sessionQuotaBytes();
    }

    /** What the session's files may take: the quota less what its index takes. */
    public long forFiles(SessionId owner) {
        return Math.max(0, quotaBytes - index.bytes(owner));
    }

    /** What the session's index may take: the quota less what its files take. */
    public long forIndex(SessionId owner) {
        return Math.max(0, quotaBytes - files.list(owner).stream().mapToLong(StoredFile::size).sum());
    }
}
