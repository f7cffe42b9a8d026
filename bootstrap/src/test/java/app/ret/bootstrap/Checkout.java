package app.ret.bootstrap;

import java.nio.file.Files;
import java.nio.file.Path;

/** The checkout these tests run in, for tests of the files at its top (README, .env.example). */
final class Checkout {
    private Checkout() {
    }

    static Path root() {
        for (Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve("README.md")) && Files.isDirectory(dir.resolve("bootstrap"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no checkout above " + System.getProperty("user.dir"));
    }
}
