package app.ret.adapters.files.workspace;

import app.ret.adapters.files.FileTrees;
import app.ret.domain.cleanup.CleanupReport;
import app.ret.domain.cleanup.RemovedResource;
import app.ret.domain.session.SessionId;
import app.ret.ports.out.StoreFailureException;
import app.ret.ports.out.Workspace;
import app.ret.ports.out.WorkspaceUsage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Session workspaces at {@code <root>/sessions/<session id>/{input,output}}. A session id is 32 hex
 * digits by construction, so the directory name can never step outside {@code sessions/}. Purging
 * holds the session's lock, which {@link DiskSessionFiles} also holds while it moves files into
 * place, so an upload finishing during a logout can never bring a removed directory back.
 */
public final class DiskWorkspace implements Workspace {
    public static final String INPUT = "input";
    public static final String OUTPUT = "output";

    private static final int LOCK_STRIPES = 64;

    private final Path sessionsRoot;
    private final Object[] locks = new Object[LOCK_STRIPES];

    public DiskWorkspace(Path runtimeRoot) {
        this.sessionsRoot = runtimeRoot.toAbsolutePath().normalize().resolve("sessions");
        for (int i = 0; i < locks.length; i++) {
            locks[i] = new Object();
        }
    }

    /** The monitor that orders changes to one session's directory tree (striped: sessions may share one). */
    Object lockFor(SessionId sessionId) {
        return locks[Math.floorMod(sessionId.hashCode(), locks.length)];
    }

    public Path directoryOf(SessionId sessionId) {
        return sessionsRoot.resolve(sessionId.value());
    }

    /** The folders of every session that has one. */
    List<Path> sessionDirectories() throws IOException {
        if (!Files.isDirectory(sessionsRoot)) {
            return List.of();
        }
        try (Stream<Path> children = Files.list(sessionsRoot)) {
            return children.filter(child -> SessionId.isValid(child.getFileName().toString())).toList();
        }
    }

    @Override
    public String resourceName() {
        return "workspace";
    }

    @Override
    public void create(SessionId sessionId) {
        Path directory = directoryOf(sessionId);
        try {
            Files.createDirectories(directory.resolve(INPUT));
            Files.createDirectories(directory.resolve(OUTPUT));
            Files.createDirectories(directory.resolve(DiskSessionFiles.INCOMING));
        } catch (IOException e) {
            throw new StoreFailureException("cannot create the session workspace", e);
        }
    }

    @Override
    public boolean exists(SessionId sessionId) {
        return Files.isDirectory(directoryOf(sessionId));
    }

    @Override
    public WorkspaceUsage usage(SessionId sessionId) {
        FileTrees.Size size = walk(sessionId, false);
        return new WorkspaceUsage(size.files(), size.bytes());
    }

    @Override
    public CleanupReport purge(SessionId sessionId) {
        FileTrees.Size removed;
        synchronized (lockFor(sessionId)) {
            removed = walk(sessionId, true);
        }
        return CleanupReport.of(RemovedResource.FILES, removed.files()).with(RemovedResource.BYTES, removed.bytes());
    }

    private FileTrees.Size walk(SessionId sessionId, boolean delete) {
        Path directory = directoryOf(sessionId);
        try {
            return delete ? FileTrees.delete(directory) : FileTrees.measure(directory);
        } catch (NoSuchFileException e) {
            // removed concurrently by another ending of the same session: nothing left to count
            return new FileTrees.Size(0, 0);
        } catch (IOException e) {
            throw new StoreFailureException("cannot walk the session workspace", e);
        }
    }
}
