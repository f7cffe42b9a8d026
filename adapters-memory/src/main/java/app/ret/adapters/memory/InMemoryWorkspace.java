package app.ret.adapters.memory;

import app.ret.domain.cleanup.CleanupReport;
import app.ret.domain.cleanup.RemovedResource;
import app.ret.domain.session.SessionId;
import app.ret.ports.out.Workspace;
import app.ret.ports.out.WorkspaceUsage;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** A workspace that holds no bytes: for embedding and tests that do not exercise files. */
public final class InMemoryWorkspace implements Workspace {
    private final ConcurrentMap<SessionId, WorkspaceUsage> areas = new ConcurrentHashMap<>();

    @Override
    public String resourceName() {
        return "workspace";
    }

    @Override
    public void create(SessionId sessionId) {
        areas.putIfAbsent(sessionId, WorkspaceUsage.NONE);
    }

    @Override
    public boolean exists(SessionId sessionId) {
        return areas.containsKey(sessionId);
    }

    @Override
    public WorkspaceUsage usage(SessionId sessionId) {
        return areas.getOrDefault(sessionId, WorkspaceUsage.NONE);
    }

    @Override
    public CleanupReport purge(SessionId sessionId) {
        WorkspaceUsage removed = Optional.ofNullable(areas.remove(sessionId)).orElse(WorkspaceUsage.NONE);
        return CleanupReport.of(RemovedResource.FILES, removed.files()).with(RemovedResource.BYTES, removed.bytes());
    }
}
