package app.ret.bootstrap;

import app.ret.ports.testing.MutableClock;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** The real server a test starts (at most one per test), closed after the test whether or not it was started. */
final class ServerClosedAfterEach implements AfterEachCallback {
    private RunningRet ret;

    RunningRet start(Path root) {
        ret = RunningRet.start(root);
        return ret;
    }

    RunningRet start(Path root, MutableClock clock, Map<String, String> overrides) {
        ret = RunningRet.start(root, clock, overrides);
        return ret;
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (ret != null) {
            ret.close();
        }
    }
}
