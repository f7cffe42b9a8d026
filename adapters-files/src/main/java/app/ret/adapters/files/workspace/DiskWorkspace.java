package app.ret.adapters.files.workspace;

import app.ret.adapters.files.DiskFull;
import app.ret.adapters.files.Durable;
import app.ret.adapters.files.FileTrees;
import app.ret.adapters.files.PrivateDirectories;
import app.ret.domain.cleanup.CleanupReport;
import app.ret.domain.cleanup.RemovedResource;
import app.ret.domain.files.FileKind;
import app.ret.domain.session.SessionId;
import app.ret.ports.out.StoreFailureException;
import app.ret.ports.out.Workspace;
import app.ret.ports.out.WorkspaceUsage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

/**
 * Session workspaces at {@code <root>/sessions/<session id>/{input,output}}. A session id is 32 hex
 * digits by construction, so the directory name can never step outside {@code sessions/}. Purging
 * holds the session's lock, which {@link DiskSessionFiles} also holds while it moves files into
 * place, so an upload finishing during a logout can never bring a removed directory back.
 *
 * <p>A purge costs the same whatever the session holds: it renames the session folder into
 * {@code <root>/trash/} (one atomic rename on the same file system, so nothing of it is reachable
 * from then on), reports the files and bytes from the accounting kept as files are stored and
 * deleted, and leaves the unlinking to {@link #emptyTrash()} on the background executor. Whatever
 * a crash leaves in the trash is emptied at the next start and by every sweep.
 */
public final class DiskWorkspace implements Workspace {
    public static final String INPUT = "input";
    public static final String OUTPUT = "output";

    private static final int LOCK_STRIPES = 64;

    private final Path sessionsRoot;
    private final Path trashRoot;
    private final Executor background;
    private final Object[] locks = new Object[LOCK_STRIPES];
    private final Object trashLock = new Object();
    private final AtomicBoolean emptyingScheduled = new AtomicBoolean();
    /** Files and bytes of each session's input and output areas; absent until first counted from disk. */
    private final Map<SessionId, WorkspaceUsage> accounted = new ConcurrentHashMap<>();
    /** False on a runtime root other instances write to as well: their writes never reach this accounting. */
    private final boolean keepsAccounts;

    /** Empties the trash on the purging thread (tools and tests that want a purge finished when it returns). */
    public DiskWorkspace(Path runtimeRoot) {
        this(runtimeRoot, Runnable::run);
    }

    public DiskWorkspace(Path runtimeRoot, Executor background) {
        this(runtimeRoot, background, true);
    }

    private DiskWorkspace(Path runtimeRoot, Executor background, boolean keepsAccounts) {
        Path root = runtimeRoot.toAbsolutePath().normalize();
        this.sessionsRoot = root.resolve("sessions");
        this.trashRoot = root.resolve("trash");
        this.background = background;
        this.keepsAccounts = keepsAccounts;
        for (int i = 0; i < locks.length; i++) {
            locks[i] = new Object();
        }
    }

    /**
     * Workspaces on a runtime root several instances share: a session's usage is counted from disk
     * whenever it is asked for (a quota check, a purge's report), since another instance may have
     * stored or deleted files of the session since. Costs a walk of the session's tree each time.
     */
    public static DiskWorkspace onSharedRoot(Path runtimeRoot, Executor background) {
        return new DiskWorkspace(runtimeRoot, background, false);
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

    /** Under the session's lock: a purge racing it (a racing login ended the session) takes all of the area or none. */
    @Override
    public void create(SessionId sessionId) {
        Path directory = directoryOf(sessionId);
        synchronized (lockFor(sessionId)) {
            try {
                PrivateDirectories.create(directory.resolve(INPUT));
                PrivateDirectories.create(directory.resolve(OUTPUT));
                PrivateDirectories.create(directory.resolve(DiskSessionFiles.INCOMING));
            } catch (IOException e) {
                throw new StoreFailureException("cannot create the session workspace", DiskFull.recognise(e));
            }
        }
    }

    @Override
    public boolean exists(SessionId sessionId) {
        return Files.isDirectory(directoryOf(sessionId));
    }

    @Override
    public WorkspaceUsage usage(SessionId sessionId) {
        synchronized (lockFor(sessionId)) {
            return accountedUsage(sessionId);
        }
    }

    /**
     * Records a change {@link DiskSessionFiles} made to the session's areas, holding the session's
     * lock. Before the session was first counted there is nothing to adjust: that count will see
     * the change on disk.
     */
    void account(SessionId sessionId, WorkspaceUsage added, WorkspaceUsage removed) {
        accounted.computeIfPresent(sessionId, (id, usage) -> new WorkspaceUsage(
                usage.files() + added.files() - removed.files(), usage.bytes() + added.bytes() - removed.bytes()));
    }

    @Override
    public CleanupReport purge(SessionId sessionId) {
        WorkspaceUsage removed;
        synchronized (lockFor(sessionId)) {
            Path directory = directoryOf(sessionId);
            if (!Files.exists(directory, LinkOption.NOFOLLOW_LINKS)) {
                accounted.remove(sessionId);
                return report(WorkspaceUsage.NONE);
            }
            removed = accountedUsage(sessionId);
            moveToTrash(sessionId, directory);
            accounted.remove(sessionId);
        }
        scheduleEmptying();
        return report(removed);
    }

    /**
     * Unlinks everything in the trash: after each purge (in the background), at start-up and on
     * every sweep, so a crash between a purge's rename and its unlinking leaves nothing for long.
     */
    public void emptyTrash() {
        synchronized (trashLock) {
            if (!Files.isDirectory(trashRoot, LinkOption.NOFOLLOW_LINKS)) {
                return;
            }
            try (Stream<Path> discarded = Files.list(trashRoot)) {
                for (Path item : (Iterable<Path>) discarded::iterator) {
                    try {
                        FileTrees.delete(item);
                    } catch (NoSuchFileException e) {
                        // another instance on the same runtime root is emptying this item
                    }
                }
            } catch (IOException e) {
                throw new StoreFailureException("cannot empty the workspace trash", e);
            }
        }
    }

    private void scheduleEmptying() {
        if (emptyingScheduled.compareAndSet(false, true)) {
            background.execute(() -> {
                emptyingScheduled.set(false);
                emptyTrash();
            });
        }
    }

    /**
     * One rename straight to a name of its own in the trash (a session may be purged again before the
     * trash is emptied), made durable. Never into a folder made first: an emptying running meanwhile
     * would remove that folder before the rename.
     */
    private void moveToTrash(SessionId sessionId, Path directory) {
        try {
            PrivateDirectories.create(trashRoot);
            String uniqueName = sessionId.value() + "-" + Long.toHexString(ThreadLocalRandom.current().nextLong());
            Files.move(directory, trashRoot.resolve(uniqueName), StandardCopyOption.ATOMIC_MOVE);
            Durable.forceDirectory(sessionsRoot);
            Durable.forceDirectory(trashRoot);
        } catch (IOException e) {
            throw new StoreFailureException("cannot move the session workspace to the trash", e);
        }
    }

    /** Called holding the session's lock. */
    private WorkspaceUsage accountedUsage(SessionId sessionId) {
        WorkspaceUsage known = accounted.get(sessionId);
        if (known != null) {
            return known;
        }
        Path directory = directoryOf(sessionId);
        if (!Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS)) {
            return WorkspaceUsage.NONE;
        }
        long files = 0;
        long bytes = 0;
        for (FileKind kind : FileKind.values()) {
            WorkspaceUsage area = usageUnder(directory.resolve(kind.directoryName()));
            files += area.files();
            bytes += area.bytes();
        }
        WorkspaceUsage counted = new WorkspaceUsage(files, bytes);
        if (keepsAccounts) {
            accounted.put(sessionId, counted);
        }
        return counted;
    }

    /** The regular files and bytes below {@code start} (or of {@code start} itself), never following links. */
    static WorkspaceUsage usageUnder(Path start) {
        try {
            FileTrees.Size size = FileTrees.measure(start);
            return new WorkspaceUsage(size.files(), size.bytes());
        } catch (IOException e) {
            throw new StoreFailureException("cannot walk the session workspace", e);
        }
    }

    private static CleanupReport report(WorkspaceUsage removed) {
        return CleanupReport.of(RemovedResource.FILES, removed.files()).with(RemovedResource.BYTES, removed.bytes());
    }
}
