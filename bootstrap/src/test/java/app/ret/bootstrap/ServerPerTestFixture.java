package app.ret.bootstrap;

import app.ret.ports.testing.MutableClock;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** A fixture, not a test: a fresh runtime root and a running server for every test of the class extending it. */
abstract class ServerPerTestFixture {
    @TempDir
    Path root;

    RunningRet ret;

    @BeforeEach
    void startServer() {
        ret = RunningRet.start(root, MutableClock.atSomeFixedTime(), settings());
    }

    /** The settings this class's server runs with beyond the test defaults. */
    Map<String, String> settings() {
        return Map.of();
    }

    @AfterEach
    void stopServer() {
        ret.close();
    }
}
