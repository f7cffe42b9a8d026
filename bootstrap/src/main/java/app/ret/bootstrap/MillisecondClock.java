package app.ret.bootstrap;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.concurrent.locks.LockSupport;

/**
 * A clock that a daemon thread sets from its source once per millisecond, so reading it is one
 * volatile load rather than a system-clock call that costs more than a whole rate-limit check
 * (ADR 0004). Every deadline in RET is in seconds or more, so a millisecond of lag is harmless.
 */
public final class MillisecondClock extends Clock implements AutoCloseable {
    private static final long TICK_NANOS = 1_000_000;
    private static final long STOP_WAIT_MILLIS = 1_000;

    private final Clock source;
    private final Thread ticker;
    private volatile Instant now;
    private volatile boolean running = true;

    private MillisecondClock(Clock source) {
        this.source = source;
        this.now = source.instant();
        this.ticker = new Thread(this::tick, "ret-clock");
        ticker.setDaemon(true);
    }

    public static MillisecondClock start(Clock source) {
        MillisecondClock clock = new MillisecondClock(source);
        clock.ticker.start();
        return clock;
    }

    private void tick() {
        while (running) {
            LockSupport.parkNanos(TICK_NANOS);
            now = source.instant();
        }
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public long millis() {
        return now.toEpochMilli();
    }

    @Override
    public ZoneId getZone() {
        return source.getZone();
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("RET keeps one ticking clock in its source's zone");
    }

    /** Stops the ticker and waits for it; the clock then keeps its last reading. */
    @Override
    public void close() {
        running = false;
        LockSupport.unpark(ticker);
        try {
            ticker.join(STOP_WAIT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
