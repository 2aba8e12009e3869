package dev.zupa.examples.whatsapp;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A demo's terminal for tests: everything printed is kept, and each complete line is queued, so a test can wait for
 * the line that says something happened instead of sleeping.
 */
final class DemoOutput extends OutputStream {
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final ByteArrayOutputStream all = new ByteArrayOutputStream();
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final PrintStream stream = new PrintStream(this, true, StandardCharsets.UTF_8);

    PrintStream stream() {
        return stream;
    }

    @Override
    public synchronized void write(int b) {
        all.write(b);
        if (b == '\n') {
            lines.add(line.toString(StandardCharsets.UTF_8));
            line.reset();
        } else {
            line.write(b);
        }
    }

    /** Everything printed so far. */
    synchronized String text() {
        return all.toString(StandardCharsets.UTF_8);
    }

    /** The next line that starts with the prefix; earlier lines are skipped. */
    String await(String prefix) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            var next = lines.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (next == null) {
                throw new AssertionError(
                        "the demo printed no '" + prefix + "' within " + WAIT + "; it printed:\n" + text());
            }
            if (next.startsWith(prefix)) {
                return next;
            }
        }
    }
}
