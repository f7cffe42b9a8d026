package app.ret.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Formatter;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

class AsyncLineHandlerTest {
    private static final Formatter MESSAGE_LINE = new Formatter() {
        @Override
        public String format(LogRecord record) {
            return record.getMessage() + "\n";
        }
    };

    @Test
    void everyLineFromEveryThreadIsWrittenInEachThreadsOrderByFlush() throws Exception {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        AsyncLineHandler handler = new AsyncLineHandler(sink, MESSAGE_LINE);
        int threads = 4;
        int perThread = 3 * AsyncLineHandler.CAPACITY / threads;
        List<Thread> loggers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int id = t;
            Thread logger = new Thread(() -> {
                for (int i = 0; i < perThread; i++) {
                    handler.publish(new LogRecord(Level.INFO, id + ":" + i));
                }
            });
            logger.start();
            loggers.add(logger);
        }
        for (Thread logger : loggers) {
            logger.join();
        }
        handler.flush();

        List<String> lines = sink.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines).as("more lines than the queue holds: none dropped").hasSize(threads * perThread);
        int[] next = new int[threads];
        for (String line : lines) {
            int id = Integer.parseInt(line.substring(0, line.indexOf(':')));
            assertThat(Integer.parseInt(line.substring(line.indexOf(':') + 1))).isEqualTo(next[id]++);
        }
        handler.close();
    }

    @Test
    void recordsBelowTheLevelAndAfterCloseAreNotWritten() {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        AsyncLineHandler handler = new AsyncLineHandler(sink, MESSAGE_LINE);
        handler.setLevel(Level.WARNING);
        handler.publish(new LogRecord(Level.INFO, "quiet"));
        handler.publish(new LogRecord(Level.WARNING, "loud"));
        handler.close();
        handler.publish(new LogRecord(Level.SEVERE, "too late"));
        assertThat(sink.toString(StandardCharsets.UTF_8)).isEqualTo("loud\n");
    }
}
