package app.ret.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.ret.adapters.files.workspace.DiskWorkspace;
import app.ret.adapters.memory.InMemoryUserStore;
import app.ret.adapters.security.Hs256AccessTokenCodec;
import app.ret.adapters.sqlite.SqliteDatabase;
import app.ret.application.RetCore;
import app.ret.domain.session.Session;
import app.ret.ports.out.SessionStore;
import com.github.rzymek.opczip.OpcOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.dhatim.fastexcel.Workbook;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's embedding example, taken from the README itself: it compiles and runs on the
 * embedding artifacts alone, in a JVM of its own, and prints what the README says it prints.
 */
class EmbeddingExampleTest {
    private static final String SECTION = "## Embedding the core without HTTP";
    private static final Pattern JAVA_BLOCK = Pattern.compile("```java\n(.*?)```", Pattern.DOTALL);
    private static final Pattern OUTPUT_BLOCK = Pattern.compile("```text\n(.*?)```", Pattern.DOTALL);
    private static final Pattern CLASS_NAME = Pattern.compile("public final class (\\w+)");

    /** One class of each artifact the README lists for an embedding host. */
    private static final List<Class<?>> EMBEDDING_ARTIFACTS = List.of(Session.class, SessionStore.class, RetCore.class,
            InMemoryUserStore.class, SqliteDatabase.class, DiskWorkspace.class, Hs256AccessTokenCodec.class, Workbook.class,
            OpcOutputStream.class);

    private static String source;
    private static String expectedOutput;
    private static List<Path> classPath;

    @TempDir
    Path directory;

    @BeforeAll
    static void readTheReadme() throws Exception {
        String readme = Files.readString(Path.of("").toAbsolutePath().getParent().resolve("README.md"));
        String section = readme.substring(readme.indexOf(SECTION));
        source = firstGroup(JAVA_BLOCK, section);
        expectedOutput = firstGroup(OUTPUT_BLOCK, section);
        classPath = EMBEDDING_ARTIFACTS.stream().map(EmbeddingExampleTest::locationOf).distinct().toList();
    }

    @Test
    void theClassPathHoldsNeitherJacksonNorTheHttpAdapter() throws Exception {
        assertThat(classPath).hasSize(EMBEDDING_ARTIFACTS.size())
                .noneMatch(entry -> entry.toString().contains("jackson") || entry.toString().contains("adapters-http"));
        URL[] urls = classPath.stream().map(EmbeddingExampleTest::url).toArray(URL[]::new);
        try (URLClassLoader embedding = new URLClassLoader(urls, ClassLoader.getPlatformClassLoader())) {
            assertThat(embedding.loadClass(RetCore.class.getName())).isNotSameAs(RetCore.class);
            assertThatThrownBy(() -> embedding.loadClass("com.fasterxml.jackson.core.JsonProcessingException"))
                    .isInstanceOf(ClassNotFoundException.class);
            assertThatThrownBy(() -> embedding.loadClass("app.ret.adapters.http.RetHttpServer"))
                    .isInstanceOf(ClassNotFoundException.class);
        }
    }

    @Test
    void theReadmeExampleCompilesAndRunsOnTheEmbeddingArtifactsAlone() throws Exception {
        String className = firstGroup(CLASS_NAME, source);
        Path sourceFile = Files.writeString(Files.createDirectories(directory.resolve("src")).resolve(className + ".java"), source);
        Path classes = Files.createDirectories(directory.resolve("classes"));
        String cp = classPath.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator));

        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
        int compiled = javac.run(null, diagnostics, diagnostics, "--release", "17", "-Xlint:all", "-Werror",
                "-cp", cp, "-d", classes.toString(), sourceFile.toString());
        assertThat(compiled).as(diagnostics.toString(StandardCharsets.UTF_8)).isZero();

        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process run = new ProcessBuilder(java.toString(), "-cp", cp + File.pathSeparator + classes, className,
                directory.resolve("runtime").toString())
                .redirectError(directory.resolve("stderr.txt").toFile())
                .start();
        byte[] printed = run.getInputStream().readAllBytes();
        assertThat(run.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(run.exitValue()).as(Files.readString(directory.resolve("stderr.txt"))).isZero();
        assertThat(new String(printed, StandardCharsets.UTF_8).replace("\r\n", "\n")).isEqualTo(expectedOutput);
    }

    private static String firstGroup(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(text);
        assertThat(matcher.find()).as("README section %s has %s", SECTION, pattern).isTrue();
        return matcher.group(1);
    }

    private static Path locationOf(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static URL url(Path entry) {
        try {
            return entry.toUri().toURL();
        } catch (java.net.MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }
}
