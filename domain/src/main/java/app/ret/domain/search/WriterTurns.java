package app.ret.domain.search;

import app.ret.domain.session.SessionId;
import java.util.Arrays;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The turns that the writers of a session's index and the removals from it take in one process
 * (a lock per stripe of sessions): a file's rows are checked against the file and committed while
 * no removal can slip in between (ADR 0013 item 16).
 */
public final class WriterTurns {
    private final ReentrantLock[] turns = new ReentrantLock[64];

    public WriterTurns() {
        Arrays.setAll(turns, unused -> new ReentrantLock());
    }

    /** The session's turn, to be locked around a writer's life or a removal. */
    public ReentrantLock of(SessionId session) {
        return turns[Math.floorMod(session.hashCode(), turns.length)];
    }
}
