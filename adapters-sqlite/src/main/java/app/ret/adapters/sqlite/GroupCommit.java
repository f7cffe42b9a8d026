package app.ret.adapters.sqlite;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Durable writes from several threads share one commit. A durable commit costs a sync of the
 * log, far more than the statements before it; so whoever gets to write next runs every write
 * waiting at that moment in one transaction, each inside its own savepoint, and they all return
 * once that transaction committed. A write that fails is rolled back to its savepoint and fails
 * alone; a commit that fails fails every write of its group.
 */
final class GroupCommit {
    private final SqliteDatabase database;
    private final Queue<Pending<?>> waiting = new ConcurrentLinkedQueue<>();
    private final ReentrantLock committer = new ReentrantLock();

    GroupCommit(SqliteDatabase database) {
        this.database = database;
    }

    /**
     * Like {@link SqliteDatabase#write}: returns once the work is committed, or throws what it threw.
     * Called inside a transaction this thread has open, the work joins it alone: others' work
     * would otherwise be reported committed before that transaction is.
     */
    <T> T write(SqlWork<T> work) {
        if (database.inTransactionOnThisThread()) {
            return database.write(work);
        }
        Pending<T> mine = new Pending<>(work);
        waiting.add(mine);
        committer.lock();
        try {
            if (!mine.done) {
                commitWaiting();
            }
        } finally {
            committer.unlock();
        }
        return mine.outcome();
    }

    private void commitWaiting() {
        List<Pending<?>> group = new ArrayList<>();
        Pending<?> next;
        while ((next = waiting.poll()) != null) {
            group.add(next);
        }
        try {
            if (group.size() == 1) {
                // Alone in its transaction, a write needs no savepoint: its failure rolls back only itself.
                group.get(0).runAlone(database);
            } else {
                database.write(sql -> {
                    for (Pending<?> pending : group) {
                        pending.runInSavepoint(sql);
                    }
                    return null;
                });
            }
        } catch (RuntimeException commitFailed) {
            group.forEach(pending -> pending.failed(commitFailed));
        }
        group.forEach(Pending::finish);
    }

    /** One caller's work; read and written only while holding the committer lock. */
    private static final class Pending<T> {
        private final SqlWork<T> work;
        private T value;
        private RuntimeException failure;
        private boolean done;

        Pending(SqlWork<T> work) {
            this.work = work;
        }

        void runInSavepoint(SqlSession sql) throws SQLException {
            sql.execute("SAVEPOINT grouped_write");
            try {
                value = work.apply(sql);
                sql.execute("RELEASE grouped_write");
            } catch (SQLException | RuntimeException e) {
                if (e instanceof SQLException) {
                    sql.discardStatements();
                }
                sql.execute("ROLLBACK TO grouped_write");
                sql.execute("RELEASE grouped_write");
                failure = e instanceof SQLException statement ? SqliteDatabase.writeFailure(statement) : (RuntimeException) e;
            }
        }

        void runAlone(SqliteDatabase database) {
            try {
                value = database.write(work);
            } catch (RuntimeException e) {
                failure = e;
            }
        }

        void failed(RuntimeException commitFailed) {
            if (failure == null) {
                failure = commitFailed;
            }
        }

        void finish() {
            done = true;
        }

        T outcome() {
            if (failure != null) {
                throw failure;
            }
            return value;
        }
    }
}
