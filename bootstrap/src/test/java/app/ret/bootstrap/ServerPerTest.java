package app.ret.bootstrap;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** A fixture, not a test: a fresh runtime root and a running server for every test of the class extending it. */
abstract class ServerPerTest {
    @TempDir
    Path root;

    RunningRet ret;

    @BeforeEach
    void startServer() {
        ret = RunningRet.start(root);
    }

    @AfterEach
    void stopServer() {
        ret.close();
    }
}
