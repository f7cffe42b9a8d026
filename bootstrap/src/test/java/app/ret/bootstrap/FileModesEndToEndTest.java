package app.ret.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import app.ret.bootstrap.RunningRet.Login;
import app.ret.ports.testing.MutableClock;
import app.ret.ports.testing.SharedSamples;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15: under the usual umask 022 the database files were 0644 while they hold password hashes
 * and state. A real server with a generated signing key, after a login, an upload and a conversion:
 * the database files and the key are 0600, the runtime root and every folder in it 0700 (an
 * archive's folders included).
 */
class FileModesEndToEndTest {
    @TempDir
    Path parent;

    @Test
    void filesHoldingSecretsAreTheOwnersOnlyAndSoIsEveryFolder() throws Exception {
        Path root = parent.resolve("runtime");
        Map<String, String> generatedKey = new HashMap<>();
        generatedKey.put("JWT_SECRET_KEY", "");
        try (RunningRet ret = RunningRet.start(root, MutableClock.atSomeFixedTime(), generatedKey)) {
            Login alice = ret.loginAsNewUser("alice");
            byte[] sample = Files.readAllBytes(SharedSamples.resolve("crossref/book_4.4.2.xml"));
            assertThat(ret.upload(alice.accessToken(), "book.xml", "application/xml", sample).statusCode()).isEqualTo(201);
            byte[] archive = Files.readAllBytes(SharedSamples.resolve("archives/4_test-examples.zip"));
            assertThat(ret.upload(alice.accessToken(), "examples.zip", "application/zip", archive).statusCode()).isEqualTo(201);
            ret.awaitJob(alice.accessToken(), ret.send(ret.request("/api/conversions")
                    .header("Authorization", "Bearer " + alice.accessToken()).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{}"))), new ArrayList<>());

            for (String secret : List.of("ret_session.db", "ret_session.db-wal", "ret_session.db-shm", "jwt.key")) {
                assertThat(modeOf(root.resolve(secret))).as(secret).isEqualTo("rw-------");
            }
            List<Path> folders = folders(root);
            assertThat(folders).as("the server made folders").anyMatch(folder -> folder.endsWith("conversion-cache"))
                    .anyMatch(folder -> folder.endsWith("sessions"));
            for (Path folder : folders) {
                assertThat(modeOf(folder)).as(root.relativize(folder).toString()).isEqualTo("rwx------");
            }
            try (Stream<Path> indexes = Files.list(root.resolve("search"))) {
                List<Path> files = indexes.toList();
                assertThat(files).as("the conversion indexed the session's rows").isNotEmpty();
                for (Path index : files) {
                    assertThat(modeOf(index)).as(root.relativize(index).toString()).isEqualTo("rw-------");
                }
            }
        }
    }

    /** Every folder under the root, the runtime root itself and the folders an archive brought included. */
    private static List<Path> folders(Path root) throws IOException {
        try (Stream<Path> all = Files.walk(root)) {
            return all.filter(Files::isDirectory).toList();
        }
    }

    private static String modeOf(Path path) {
        try {
            return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
