package app.ret.ports.testing;

import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A store over a real database for a contract suite: opened on first use (a contract's own set-up
 * may need the store before the subclass's would run, from several threads at once in the
 * concurrency cases), reopenable like a restart (a new connection on the same data), and closed after
 * each test when registered as an extension ({@code @RegisterExtension}).
 *
 * @param <D> the adapter's database handle
 * @param <S> the store under test
 */
public final class ReopenableStore<D extends AutoCloseable, S> implements AfterEachCallback, AutoCloseable {
    private final Supplier<D> open;
    private final Consumer<D> firstOpened;
    private final Function<D, S> storeFactory;
    private D current;
    private S store;

    /**
     * @param open opens the database (again)
     * @param firstOpened what a test's first opening does before the store is made, such as emptying what an earlier test left
     * @param storeFactory the store over an open database
     */
    public ReopenableStore(Supplier<D> open, Consumer<D> firstOpened, Function<D, S> storeFactory) {
        this.open = open;
        this.firstOpened = firstOpened;
        this.storeFactory = storeFactory;
    }

    public synchronized D database() {
        if (current == null) {
            current = open.get();
            firstOpened.accept(current);
            store = storeFactory.apply(current);
        }
        return current;
    }

    public synchronized S store() {
        database();
        return store;
    }

    public synchronized S reopened() {
        closeOrFail(database());
        current = open.get();
        store = storeFactory.apply(current);
        return store;
    }

    @Override
    public void afterEach(ExtensionContext context) {
        close();
    }

    @Override
    public synchronized void close() {
        if (current != null) {
            closeOrFail(current);
            current = null;
        }
    }

    private static void closeOrFail(AutoCloseable database) {
        try {
            database.close();
        } catch (Exception e) {
            throw new IllegalStateException("cannot close " + database, e);
        }
    }
}
