package app.ret.adapters.http;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A pool that keeps {@code core} threads, queues a task while one of its threads is free, and
 * starts another thread (up to {@code max}) only when every thread is busy. A plain
 * {@link ThreadPoolExecutor} does neither well here: with a queue it never grows past its core
 * threads, and with a hand-off queue it starts a thread whenever no worker happens to be waiting
 * at that instant, which under keep-alive load reaches the maximum within seconds.
 */
final class GrowWhenBusyExecutor extends ThreadPoolExecutor {
    private final AtomicInteger unfinished = new AtomicInteger();

    GrowWhenBusyExecutor(int core, int max, long idleSeconds, ThreadFactory threads) {
        super(core, max, idleSeconds, TimeUnit.SECONDS, new GrowWhenBusyQueue(), threads);
        ((GrowWhenBusyQueue) getQueue()).executor = this;
    }

    @Override
    public void execute(Runnable task) {
        unfinished.incrementAndGet();
        try {
            super.execute(task);
        } catch (RuntimeException | Error e) {
            unfinished.decrementAndGet();
            throw e;
        }
    }

    @Override
    protected void afterExecute(Runnable task, Throwable failure) {
        unfinished.decrementAndGet();
    }

    /** Refuses a task (so the pool starts a thread) only when every thread is busy and the pool may grow. */
    private static final class GrowWhenBusyQueue extends LinkedBlockingQueue<Runnable> {
        private static final long serialVersionUID = 1L;
        private transient GrowWhenBusyExecutor executor;

        @Override
        public boolean offer(Runnable task) {
            GrowWhenBusyExecutor pool = executor;
            if (pool.unfinished.get() > pool.getPoolSize() && pool.getPoolSize() < pool.getMaximumPoolSize()) {
                return false;
            }
            return super.offer(task);
        }
    }
}
