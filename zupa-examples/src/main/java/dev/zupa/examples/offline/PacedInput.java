package dev.zupa.examples.offline;

import dev.zupa.runtime.Agent;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.PrintStream;
import java.io.Reader;
import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The console's input, handed over one line at a time: before giving out the next line it waits until the agent
 * has answered the last one. A script piped into a demo then reads like a conversation, instead of arriving as one
 * burst that the runtime would answer as a single double-texted turn. Optionally echoes each line, so a piped
 * conversation shows both sides.
 *
 * <p>Read by the console transport's single reader thread; {@link #pace} may be called from another thread.
 */
final class PacedInput extends Reader {
    private final BufferedReader source;
    private final @Nullable PrintStream echo;
    private volatile @Nullable Agent agent;
    private volatile Duration timeout = Duration.ofMinutes(1);
    private String line = "";
    private int position;
    private boolean started;
    private boolean ended;

    PacedInput(Reader source, @Nullable PrintStream echo) {
        this.source = new BufferedReader(Objects.requireNonNull(source, "source"));
        this.echo = echo;
    }

    /** From now on, each line after the first waits until the agent is idle, at most the timeout. */
    void pace(Agent paced, Duration replyTimeout) {
        this.timeout = Objects.requireNonNull(replyTimeout, "replyTimeout");
        this.agent = Objects.requireNonNull(paced, "paced");
    }

    @Override
    public int read(char[] buffer, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, buffer.length);
        if (length == 0) {
            return 0;
        }
        if (position >= line.length()) {
            if (ended) {
                return -1;
            }
            if (started) {
                awaitReplies();
            }
            started = true;
            var next = source.readLine();
            if (next == null) {
                ended = true;
                return -1;
            }
            if (echo != null && !next.isBlank()) {
                echo.println("> " + next.strip());
            }
            line = next + "\n";
            position = 0;
        }
        int count = Math.min(length, line.length() - position);
        line.getChars(position, position + count, buffer, offset);
        position += count;
        return count;
    }

    private void awaitReplies() throws InterruptedIOException {
        var paced = agent;
        if (paced == null) {
            return;
        }
        try {
            paced.awaitIdle(timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for the agent's reply");
        }
    }

    @Override
    public void close() throws IOException {
        source.close();
    }
}
