package dev.zupa.bench.runtime;

import dev.zupa.core.speech.AudioClip;
import dev.zupa.core.transport.Delivery;
import dev.zupa.core.transport.InboundMessage;
import dev.zupa.core.transport.MediaRef;
import dev.zupa.core.transport.OutboundMessage;
import dev.zupa.core.transport.Transport;
import dev.zupa.core.transport.TransportContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The transport of {@link RuntimeCrashWorker}: reads the users' messages from an input file and appends each reply to
 * an output file, one JSON line per send, fsync'd before {@code send} returns.
 *
 * <p>Each user is a virtual thread that delivers its messages in order, the next one only once the output file holds
 * the reply to the previous one (a closed loop, so the runtime never batches two of a user's messages into one turn).
 * Every start delivers every message again, from the first: redelivery after a restart, which the runtime must drop.
 *
 * <p>Sends are idempotent by outbox id, as a transport with an idempotency key is: a send whose outbox id the output
 * file already holds is not appended again but logged to the suppressed file. That happens when a kill lands between a
 * send and the runtime recording it, so the runtime sends the reply again on restart (at-least-once at this edge).
 */
final class FileTransport implements Transport {
    static final String NAME = "file";

    private final Map<String, List<String>> messagesByUser;
    private final FileChannel output;
    private final FileChannel suppressed;
    private final int incarnation;
    private final Set<String> sentIds = ConcurrentHashMap.newKeySet();
    private final Map<String, CompletableFuture<Void>> answered = new ConcurrentHashMap<>();
    private final AtomicInteger suppressedCount = new AtomicInteger();
    private final List<Thread> users = new ArrayList<>();
    private volatile boolean closed;

    FileTransport(Path input, Path outputFile, Path suppressedFile, int incarnation) throws IOException {
        this.incarnation = incarnation;
        this.messagesByUser = readInput(input);
        messagesByUser.values().forEach(ids -> ids.forEach(id -> answered.put(id, new CompletableFuture<>())));
        if (Files.exists(outputFile)) {
            for (var line : Files.readAllLines(outputFile, StandardCharsets.UTF_8)) {
                var reply = Reply.parse(line);
                sentIds.add(reply.outboxId());
                var future = answered.get(reply.answers());
                if (future != null) {
                    future.complete(null);
                }
            }
        }
        this.output = FileChannel.open(
                outputFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        this.suppressed = FileChannel.open(
                suppressedFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    }

    /** Input lines are {@code user<TAB>messageId}; the message's text is its id. */
    static Map<String, List<String>> readInput(Path input) throws IOException {
        var byUser = new LinkedHashMap<String, List<String>>();
        for (var line : Files.readAllLines(input, StandardCharsets.UTF_8)) {
            if (line.isBlank()) {
                continue;
            }
            var parts = line.split("\t");
            byUser.computeIfAbsent(parts[0], u -> new ArrayList<>()).add(parts[1]);
        }
        return byUser;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void start(TransportContext context) {
        messagesByUser.forEach((user, ids) ->
                users.add(Thread.ofVirtual().name("user-" + user).start(() -> play(context, user, ids))));
    }

    private void play(TransportContext context, String user, List<String> ids) {
        for (var id : ids) {
            while (!closed) {
                try {
                    context.deliver(InboundMessage.text(NAME, id, user, id, Instant.now()));
                    break;
                } catch (RuntimeException e) {
                    sleep(Duration.ofMillis(20)); // the intake could not store it: deliver again, as a transport would
                }
            }
            try {
                answered.get(id).get();
            } catch (InterruptedException e) {
                return;
            } catch (java.util.concurrent.ExecutionException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** Waits until every message of the input has its reply in the output file. */
    boolean awaitAllAnswered(Duration timeout) throws InterruptedException {
        try {
            CompletableFuture.allOf(answered.values().toArray(CompletableFuture[]::new))
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    int suppressedCount() {
        return suppressedCount.get();
    }

    @Override
    public synchronized Delivery send(OutboundMessage message) {
        var text = message.content().text();
        var answers = text.startsWith("re: ") ? text.substring(4) : "?";
        if (!sentIds.add(message.id())) {
            suppressedCount.incrementAndGet();
            append(suppressed, message.id() + "\t" + incarnation + "\n");
        } else {
            append(output, new Reply(message.id(), message.to(), answers, text, incarnation).json() + "\n");
        }
        var future = answered.get(answers);
        if (future != null) {
            future.complete(null);
        }
        return Delivery.accepted();
    }

    private static void append(FileChannel channel, String line) {
        try {
            var buffer = ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8));
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public AudioClip download(MediaRef media) {
        throw new UnsupportedOperationException("the file transport has no media");
    }

    @Override
    public void close() {
        closed = true;
        users.forEach(Thread::interrupt);
        try {
            output.close();
            suppressed.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One line of the output file. Ids and texts are plain ASCII without quotes, so the JSON is written by hand. */
    record Reply(String outboxId, String to, String answers, String text, int incarnation) {
        String json() {
            return "{\"outboxId\":\"" + outboxId + "\",\"to\":\"" + to + "\",\"answers\":\"" + answers
                    + "\",\"text\":\"" + text + "\",\"incarnation\":" + incarnation + "}";
        }

        static Reply parse(String line) {
            return new Reply(
                    field(line, "outboxId"),
                    field(line, "to"),
                    field(line, "answers"),
                    field(line, "text"),
                    Integer.parseInt(number(line, "incarnation")));
        }

        private static String field(String line, String name) {
            var key = "\"" + name + "\":\"";
            int start = line.indexOf(key);
            if (start < 0) {
                throw new IllegalArgumentException("no " + name + " in " + line);
            }
            start += key.length();
            return line.substring(start, line.indexOf('"', start));
        }

        private static String number(String line, String name) {
            var key = "\"" + name + "\":";
            int start = line.indexOf(key) + key.length();
            int end = start;
            while (end < line.length() && Character.isDigit(line.charAt(end))) {
                end++;
            }
            return line.substring(start, end);
        }
    }
}
