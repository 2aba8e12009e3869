package dev.zupa.adapters.console;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/** Where the console prints: whole lines, one at a time, each flushed at once. Thread-safe. */
final class ConsoleOutput {
    private final ReentrantLock lock = new ReentrantLock();
    private final @Nullable PrintStream stream;
    private final @Nullable PrintWriter writer;

    private ConsoleOutput(@Nullable PrintStream stream, @Nullable PrintWriter writer) {
        this.stream = stream;
        this.writer = writer;
    }

    static ConsoleOutput of(PrintStream stream) {
        return new ConsoleOutput(stream, null);
    }

    static ConsoleOutput of(Writer writer) {
        return new ConsoleOutput(null, writer instanceof PrintWriter print ? print : new PrintWriter(writer));
    }

    /**
     * Prints one line and flushes it ({@code checkError} flushes); lines of concurrent callers never interleave.
     *
     * @return false when the output reported an error, now or before
     */
    boolean println(String line) {
        lock.lock();
        try {
            if (stream != null) {
                stream.println(line);
                return !stream.checkError();
            }
            Objects.requireNonNull(writer).println(line);
            return !writer.checkError();
        } finally {
            lock.unlock();
        }
    }

    void flush() {
        lock.lock();
        try {
            if (stream != null) {
                stream.flush();
            } else if (writer != null) {
                writer.flush();
            }
        } finally {
            lock.unlock();
        }
    }
}
