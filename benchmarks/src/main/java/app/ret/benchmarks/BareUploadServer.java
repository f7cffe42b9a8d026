package app.ret.benchmarks;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.Executors;

/**
 * The P12 baseline: a bare JDK HttpServer that writes each request body to a new file with the
 * fsyncs RET makes for an upload (the file, then its directory after it is in place) and answers
 * 201 — no authentication, no checks, no digest. Arguments: the directory to write into. Port from
 * {@code API_PORT}.
 */
public final class BareUploadServer {
    private static final int BUFFER_BYTES = 64 * 1024;

    private BareUploadServer() {}

    public static void main(String[] args) throws IOException {
        Path directory = Files.createDirectories(Path.of(args[0]));
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", Integer.parseInt(System.getenv("API_PORT"))), 0);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/", exchange -> {
            if (exchange.getRequestMethod().equals("GET")) { // the readiness probe
                exchange.sendResponseHeaders(200, -1);
                exchange.close();
                return;
            }
            Path file = Files.createTempFile(directory, "upload-", ".part");
            byte[] buffer = new byte[BUFFER_BYTES];
            try (InputStream body = exchange.getRequestBody();
                 FileChannel out = FileChannel.open(file, StandardOpenOption.WRITE)) {
                int read;
                while ((read = body.read(buffer)) > 0) {
                    ByteBuffer bytes = ByteBuffer.wrap(buffer, 0, read);
                    while (bytes.hasRemaining()) {
                        out.write(bytes);
                    }
                }
                out.force(true);
            }
            try (FileChannel folder = FileChannel.open(directory, StandardOpenOption.READ)) {
                folder.force(true);
            }
            exchange.sendResponseHeaders(201, -1);
            exchange.close();
        });
        server.start();
        System.out.println("upload baseline listening on " + server.getAddress());
    }
}
