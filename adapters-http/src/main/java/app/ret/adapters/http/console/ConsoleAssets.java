package app.ret.adapters.http.console;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The console's files, read once from the {@code console/} folder on the class path (a directory
 * in development, the jar in production). Their {@link #version} is a hash of them all, so asset
 * URLs ({@code /assets/<version>/app.js}) change whenever any file does and can be cached for
 * good; the pages name their assets through the {@code {{assets}}} placeholder, which is replaced
 * by that prefix here — the only "build step" the console has.
 */
public final class ConsoleAssets {
    static final String FOLDER = "console";
    static final String ASSETS_PLACEHOLDER = "{{assets}}";
    private static final int VERSION_HEX_DIGITS = 16;

    private final String version;
    private final Map<String, Asset> byName;

    private ConsoleAssets(String version, Map<String, Asset> byName) {
        this.version = version;
        this.byName = byName;
    }

    public static ConsoleAssets fromClassPath() {
        Map<String, byte[]> raw = readFolder();
        MessageDigest all = sha256();
        raw.forEach((name, bytes) -> {
            all.update(name.getBytes(StandardCharsets.UTF_8));
            all.update(bytes);
        });
        String version = HexFormat.of().formatHex(all.digest()).substring(0, VERSION_HEX_DIGITS);
        Map<String, Asset> assets = new TreeMap<>();
        raw.forEach((name, bytes) -> assets.put(name, Asset.of(name, withAssetPrefix(name, bytes, version))));
        return new ConsoleAssets(version, Map.copyOf(assets));
    }

    public String version() {
        return version;
    }

    public String prefix() {
        return "/assets/" + version;
    }

    public Optional<Asset> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    private static byte[] withAssetPrefix(String name, byte[] bytes, String version) {
        if (!name.endsWith(".html")) {
            return bytes;
        }
        return new String(bytes, StandardCharsets.UTF_8).replace(ASSETS_PLACEHOLDER, "/assets/" + version).getBytes(StandardCharsets.UTF_8);
    }

    private static Map<String, byte[]> readFolder() {
        URL index = ConsoleAssets.class.getResource("/" + FOLDER + "/index.html");
        if (index == null) {
            throw new IllegalStateException("the console is missing from the class path (" + FOLDER + "/index.html)");
        }
        try {
            URI uri = index.toURI();
            if ("jar".equals(uri.getScheme())) {
                try (FileSystem jar = FileSystems.newFileSystem(uri, Map.of())) {
                    return readAll(jar.getPath("/" + FOLDER));
                }
            }
            return readAll(Path.of(uri).getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the console's files", e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, byte[]> readAll(Path folder) throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> paths = Files.list(folder)) {
            for (Path path : paths.filter(Files::isRegularFile).toList()) {
                files.put(path.getFileName().toString(), Files.readAllBytes(path));
            }
        }
        return files;
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One file: its bytes, type and entity tag. */
    public record Asset(String name, byte[] bytes, String contentType, String etag) {
        private static final Map<String, String> TYPES = Map.of(
                "html", "text/html; charset=utf-8",
                "js", "text/javascript; charset=utf-8",
                "css", "text/css; charset=utf-8",
                "svg", "image/svg+xml");

        static Asset of(String name, byte[] bytes) {
            String extension = name.substring(name.lastIndexOf('.') + 1);
            String etag = "\"" + HexFormat.of().formatHex(sha256().digest(bytes)) + "\"";
            return new Asset(name, bytes, TYPES.getOrDefault(extension, "application/octet-stream"), etag);
        }
    }
}
