package app.ret.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's "Try it" block, pasted into bash as it is, against a fresh server. */
class ReadmeTryItTest {
    private static final String JAR_COMMAND = "java -jar bootstrap/target/ret.jar";
    private static final String DEFAULT_ADDRESS = "127.0.0.1:8000";

    @TempDir
    Path workingDirectory;

    @Test
    void theTryItBlockRunsAsPastedAgainstAFreshServer() throws Exception {
        String block = tryItBlock();
        assertThat(block).contains(JAR_COMMAND, DEFAULT_ADDRESS + "/readyz");
        int port = freePort();
        // The only substitutions: the jar is not built yet when tests run, and port 8000 may be taken on a shared machine.
        String script = block.replace(JAR_COMMAND, "java -cp '" + System.getProperty("java.class.path") + "' " + Main.class.getName())
                .replace(DEFAULT_ADDRESS, "127.0.0.1:" + port);

        ProcessBuilder bash = new ProcessBuilder("bash", "-c", script).directory(workingDirectory.toFile()).redirectErrorStream(true)
                .redirectOutput(workingDirectory.resolve("output.txt").toFile());
        bash.environment().keySet().removeIf(name -> name.startsWith("RET_") || name.startsWith("API_") || name.equals("JWT_SECRET_KEY"));
        bash.environment().put("API_PORT", Integer.toString(port));
        Process process = bash.start();
        try {
            assertThat(process.waitFor(90, TimeUnit.SECONDS)).as("the block finished").isTrue();
        } finally {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
        String output = Files.readString(workingDirectory.resolve("output.txt"), StandardCharsets.UTF_8);

        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output).as(output).contains("Created user 'admin' with the password from RET_ADMIN_PASSWORD")
                .contains("\"username\":\"admin\"", "\"token_type\":\"bearer\"", "\"refresh_tokens_revoked\"")
                .doesNotContain("Connection refused", "\"code\":\"unauthorized\"");
        assertThat(workingDirectory.resolve("ret-cookies.txt")).exists();
        assertThat(Files.readAllLines(Checkout.root().resolve(".gitignore"))).as("the cookie jar is ignored").contains("ret-cookies.txt");
    }

    @Test
    void aStartThatFindsUsersSaysThatRetAdminPasswordIsIgnored(@TempDir Path root) {
        RunningRet.start(root).close();
        try (RunningRet again = RunningRet.start(root)) {
            assertThat(again.console.toString(StandardCharsets.UTF_8)).contains("RET_ADMIN_PASSWORD is set but ignored: users already exist");
        }
    }

    private static String tryItBlock() throws IOException {
        List<String> lines = Files.readAllLines(Checkout.root().resolve("README.md"), StandardCharsets.UTF_8);
        int heading = lines.indexOf("### Try it");
        assertThat(heading).as("README has a Try it section").isNotNegative();
        int start = lines.subList(heading, lines.size()).indexOf("```sh") + heading + 1;
        int end = lines.subList(start, lines.size()).indexOf("```") + start;
        return String.join("\n", lines.subList(start, end)) + "\n";
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
