package app.ret.ports.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Runs the same attempt from several threads at once and counts how many succeeded. */
public final class Races {
    private Races() {}

    public static long winners(int attempts, Callable<Boolean> attempt) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(attempts, 8));
        try {
            List<Callable<Boolean>> all = new ArrayList<>();
            for (int i = 0; i < attempts; i++) {
                all.add(attempt);
            }
            long winners = 0;
            for (Future<Boolean> outcome : pool.invokeAll(all)) {
                winners += outcome.get() ? 1 : 0;
            }
            return winners;
        } finally {
            pool.shutdownNow();
        }
    }
}
