package app.ret.ports.out;

import app.ret.domain.session.SessionId;

/** The per-session working area; its purge removes the whole area and reports files and bytes. */
public interface Workspace extends SessionResourceCleaner {
    void create(SessionId sessionId);

    boolean exists(SessionId sessionId);

    WorkspaceUsage usage(SessionId sessionId);
}
