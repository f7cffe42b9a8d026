package app.ret.application.quota;

import app.ret.application.cache.TieredCacheService;
import app.ret.domain.cache.CacheEntrySummary;
import app.ret.domain.cache.SessionCacheNamespace;
import app.ret.domain.files.FileLimits;
import app.ret.domain.session.Session;
import app.ret.domain.session.SessionId;
import app.ret.domain.user.Username;
import app.ret.ports.out.ConversionCache;
import app.ret.ports.out.SessionStore;
import app.ret.ports.out.Workspace;
import java.util.List;
import java.util.Optional;

/**
 * The two quotas every write is held to. A session's files and state together stay within
 * {@code SESSION_QUOTA_MB}; all sessions of one user — their files, their state and the conversion
 * results they refer to — within {@code USER_QUOTA_MB}. Usage is read from the stores at each write
 * (the workspace's accounting, the state entries' sizes, the conversion cache's references), so it
 * holds whichever instance wrote before; writes racing each other in two sessions of one user are
 * each checked against what was stored before them.
 */
public final class StorageQuota {
    private static final String SESSION_BOUND = "the session over its quota (SESSION_QUOTA_MB: %d bytes of files and session state)";
    private static final String USER_BOUND = "the user over their quota (USER_QUOTA_MB: %d bytes of files, session state and conversion results"
            + " across all their sessions)";

    private final SessionStore sessions;
    private final Workspace workspace;
    private final TieredCacheService cache;
    private final ConversionCache conversions;
    private final FileLimits limits;

    public StorageQuota(SessionStore sessions, Workspace workspace, TieredCacheService cache, ConversionCache conversions, FileLimits limits) {
        this.sessions = sessions;
        this.workspace = workspace;
        this.cache = cache;
        this.conversions = conversions;
        this.limits = limits;
    }

    /** How many bytes a session's files may total now, and the quota that sets it (for the refusal). */
    public record FilesAllowance(long bytes, String bound) {
        /** Why a write beyond the allowance is refused, safe to show the client. */
        public String refusal() {
            return "Storing it would take " + bound + ".";
        }
    }

    public FilesAllowance filesAllowance(SessionId session) {
        Usage mine = usageOf(session);
        FilesAllowance bySession = allowance(limits.sessionQuotaBytes() - mine.state(), String.format(SESSION_BOUND, limits.sessionQuotaBytes()));
        Optional<Session> owner = sessions.find(session);
        if (owner.isEmpty()) {
            return bySession;
        }
        long everythingButTheseFiles = userBytes(owner.get().username()) - mine.files();
        FilesAllowance byUser = allowance(limits.userQuotaBytes() - everythingButTheseFiles, String.format(USER_BOUND, limits.userQuotaBytes()));
        return byUser.bytes() < bySession.bytes() ? byUser : bySession;
    }

    /** Empty when the session may grow its state by {@code added} bytes while {@code replaced} go; else why not. */
    public Optional<String> refusesState(SessionId session, long added, long replaced) {
        long growth = added - replaced;
        if (usageOf(session).total() + growth > limits.sessionQuotaBytes()) {
            return Optional.of(new FilesAllowance(0, String.format(SESSION_BOUND, limits.sessionQuotaBytes())).refusal());
        }
        Optional<Username> owner = sessions.find(session).map(Session::username);
        if (owner.isPresent() && userBytes(owner.get()) + growth > limits.userQuotaBytes()) {
            return Optional.of(new FilesAllowance(0, String.format(USER_BOUND, limits.userQuotaBytes())).refusal());
        }
        return Optional.empty();
    }

    /** Everything the user's active sessions hold, each conversion result counted once however many sessions refer to it. */
    public long userBytes(Username username) {
        List<SessionId> active = sessions.listActiveOf(username).stream().map(Session::id).toList();
        long held = active.stream().mapToLong(id -> usageOf(id).total()).sum();
        return held + conversions.bytesReferencedBy(active);
    }

    private Usage usageOf(SessionId session) {
        long state = cache.list(new SessionCacheNamespace(session).state()).stream().mapToLong(CacheEntrySummary::size).sum();
        return new Usage(workspace.usage(session).bytes(), state);
    }

    private static FilesAllowance allowance(long bytes, String bound) {
        return new FilesAllowance(Math.max(0, bytes), bound);
    }

    private record Usage(long files, long state) {
        long total() {
            return files + state;
        }
    }
}
