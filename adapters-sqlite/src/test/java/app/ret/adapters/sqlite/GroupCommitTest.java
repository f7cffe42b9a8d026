package app.ret.adapters.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.ret.ports.out.StoreFailureException;
import app.ret.ports.testing.ReopenableStore;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class GroupCommitTest {
    private static final int WRITERS = 6;
    private static final int FAILING = 2;

    @TempDir
    Path directory;

    @RegisterExtension
    final ReopenableStore<SqliteDatabase, GroupCommit> database = TemporaryDatabase.in(() -> directory, GroupCommit::new);

    @BeforeEach
    void createTable() {
        database.database().write(sql -> sql.prepare("CREATE TABLE t(v INTEGER PRIMARY KEY)").executeUpdate());
    }

    private static int insert(SqlSession sql, int value) throws SQLException {
        PreparedStatement insert = sql.prepare("INSERT INTO t(v) VALUES (?)");
        insert.setInt(1, value);
        return insert.executeUpdate();
    }

    private List<Integer> stored() {
        return database.database().read(sql -> {
            List<Integer> values = new ArrayList<>();
            try (ResultSet rows = sql.prepare("SELECT v FROM t ORDER BY v").executeQuery()) {
                while (rows.next()) {
                    values.add(rows.getInt(1));
                }
            }
            return values;
        });
    }

    @Test
    void waitingWritesShareOneCommitAndAFailingOneFailsAlone() throws Exception {
        Set<String> committingThreads = ConcurrentHashMap.newKeySet();
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(WRITERS + 1);
        try {
            // Another writer holds the database, so the group writes pile up behind it.
            Future<?> blocker = pool.submit(() -> database.database().write(sql -> holdUntil(release)));
            List<Future<Integer>> writes = new ArrayList<>();
            List<Thread> writerThreads = new ArrayList<>();
            for (int i = 0; i < WRITERS; i++) {
                int value = i;
                CountDownLatch started = new CountDownLatch(1);
                writes.add(pool.submit(() -> {
                    synchronized (writerThreads) {
                        writerThreads.add(Thread.currentThread());
                    }
                    started.countDown();
                    return database.store().write(sql -> {
                        committingThreads.add(Thread.currentThread().getName());
                        int inserted = insert(sql, value);
                        if (value == FAILING) {
                            throw new IllegalStateException("this write fails after inserting");
                        }
                        return value * 10 + inserted;
                    });
                }));
                started.await();
            }
            awaitAllParked(writerThreads);
            release.countDown();
            blocker.get();
            for (int i = 0; i < WRITERS; i++) {
                if (i == FAILING) {
                    assertThat(writes.get(i)).failsWithin(Duration.ofSeconds(10))
                            .withThrowableOfType(ExecutionException.class)
                            .withCauseInstanceOf(IllegalStateException.class);
                } else {
                    assertThat(writes.get(i).get()).as("each caller gets its own result").isEqualTo(i * 10 + 1);
                }
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(stored()).containsExactly(0, 1, 3, 4, 5);
        assertThat(committingThreads.size()).as("writes ran in fewer transactions than there were writers").isLessThan(WRITERS);
        database.reopened();
        assertThat(stored()).as("committed durably").containsExactly(0, 1, 3, 4, 5);
    }

    @Test
    void aFailingStatementIsReportedAsAStoreFailure() {
        database.store().write(sql -> insert(sql, 1));
        assertThatThrownBy(() -> database.store().write(sql -> insert(sql, 1)))
                .isInstanceOf(StoreFailureException.class);
        int inserted = database.store().write(sql -> insert(sql, 2));
        assertThat(inserted).isEqualTo(1);
        assertThat(stored()).containsExactly(1, 2);
    }

    private static boolean holdUntil(CountDownLatch release) {
        try {
            return release.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void awaitAllParked(List<Thread> threads) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            boolean allParked;
            synchronized (threads) {
                allParked = threads.size() == WRITERS && threads.stream()
                        .allMatch(thread -> thread.getState() == Thread.State.WAITING || thread.getState() == Thread.State.BLOCKED);
            }
            if (allParked) {
                return;
            }
            Thread.sleep(5);
        }
        throw new AssertionError("the writers never queued up");
    }
}
