package app.ret.bootstrap;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** A fresh runtime root and a running server for every test. */
abstract class EndToEndTest {
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
