package dev.zupa.adapters.console;

import dev.zupa.core.provider.ProviderErrorKind;
import dev.zupa.core.provider.ProviderException;
import dev.zupa.core.speech.AudioClip;
import dev.zupa.core.transport.Delivery;
import dev.zupa.core.transport.InboundMessage;
import dev.zupa.core.transport.MediaRef;
import dev.zupa.core.transport.OutboundContent;
import dev.zupa.core.transport.OutboundMessage;
import dev.zupa.core.transport.Transport;
import dev.zupa.core.transport.TransportContext;
import dev.zupa.core.transport.TransportEvent;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * A transport on the terminal: every non-blank line read from the input is a message from one console user, and
 * every reply is printed on the output. For demos and manual tests; it has no redelivery and no acknowledgements.
 *
 * <pre>{@code
 * try (var console = ConsoleTransport.builder().agentName("zupa").build()) {
 *     runtime.start(console);          // or console.start(context)
 *     console.awaitInputClosed();      // returns when stdin ends (Ctrl-D)
 * }
 * }</pre>
 *
 * <h2>Input</h2>
 *
 * <ul>
 *   <li>{@link #start(TransportContext)} starts one virtual thread that reads lines, reports
 *       {@link TransportEvent.Ready} once it reads, and hands each non-blank line, stripped of surrounding white
 *       space, to {@link TransportContext#deliver} as a {@link dev.zupa.core.transport.ContentType#TEXT TEXT}
 *       message, one at a time and in order. Lines that start with {@code /} other than {@value #VOICE_NOTE_COMMAND}
 *       (such as the runtime's {@code /help} or {@code /reset}) are text too.
 *   <li>{@code /voicenote <path>} sends an audio file as a {@link dev.zupa.core.transport.ContentType#VOICE VOICE}
 *       message. The path is the rest of the line; it may be quoted, may start with {@code ~/}, and is resolved
 *       against the working directory. The message's {@link MediaRef} id is the absolute path, and its media type
 *       is guessed from the extension ({@code .ogg}/{@code .opus} → {@code audio/ogg; codecs=opus}, {@code .mp3} →
 *       {@code audio/mpeg}, {@code .wav} → {@code audio/wav}, others {@code application/octet-stream}). A missing,
 *       unreadable or empty file prints an error line and sends nothing.
 *   <li>Message ids are {@code <start>-<line>}: the clock's epoch milliseconds when {@link #start} was called, a
 *       dash, and the 1-based number of the line in the input (blank lines count). They are unique within a run and
 *       across runs that start in different milliseconds, and a line keeps its id, as the deduplication key asks.
 *       {@link Builder#messageIds(Supplier)} replaces them.
 *   <li>When {@link TransportContext#deliver} fails, an error line is printed and reading goes on: the console
 *       cannot deliver again, so the user types the message again.
 *   <li>When the input ends, reading stops; {@link #awaitInputClosed(Duration)} lets a demo wait for that.
 * </ul>
 *
 * <h2>Output</h2>
 *
 * <p>A text reply prints as {@code <agent>: <text>}; a voice reply is saved in the voice directory as
 * {@code <outbox id>.<extension>} (overwritten when the same reply is sent again) and prints as
 * {@code <agent>: [voice note <n> bytes, <media type>, saved to <path>] <text>}. Each reply is one
 * {@code println} under a lock, so concurrent replies never interleave. A reply to an address other than the
 * console user's prints as {@code <agent> (to <address>): …}.
 *
 * <p>Thread-safe. The transport does not own its input and output: {@link #close()} closes neither of them, and
 * never closes {@code System.in} or {@code System.out}.
 *
 * @since 0.1
 */
public final class ConsoleTransport implements Transport {
    /** The transport name, {@code console}. */
    public static final String NAME = "console";

    /** The console user's address when none is configured, {@code console-user}. */
    public static final String DEFAULT_ADDRESS = "console-user";

    /** The label of the agent's replies when none is configured, {@code agent}. */
    public static final String DEFAULT_AGENT_NAME = "agent";

    /** The command that sends an audio file as a voice note, {@code /voicenote}. */
    public static final String VOICE_NOTE_COMMAND = "/voicenote";

    /** What error lines start with. */
    static final String NOTICE = "[console] ";

    private final Reader input;
    private final ConsoleOutput output;
    private final String address;
    private final @Nullable String displayName;
    private final String agentName;
    private final Path voiceDirectory;
    private final Clock clock;
    private final @Nullable Supplier<String> messageIds;
    private final boolean typingIndicator;

    /** Guards {@link #reader}, {@link #closed} and {@link #delivering}. */
    private final ReentrantLock stateLock = new ReentrantLock();

    private final CountDownLatch inputClosed = new CountDownLatch(1);
    private @Nullable Thread reader;
    private volatile boolean closed;
    private boolean delivering;

    private ConsoleTransport(Builder builder) {
        this.input = builder.input != null ? builder.input : new InputStreamReader(System.in, consoleCharset());
        if (builder.writer != null) {
            this.output = ConsoleOutput.of(builder.writer);
        } else {
            this.output = ConsoleOutput.of(builder.stream != null ? builder.stream : System.out);
        }
        this.address = builder.address;
        this.displayName = builder.displayName;
        this.agentName = builder.agentName;
        this.voiceDirectory = builder.voiceDirectory != null
                ? builder.voiceDirectory
                : Path.of(System.getProperty("java.io.tmpdir"), "zupa-console-voice");
        this.clock = builder.clock;
        this.messageIds = builder.messageIds;
        this.typingIndicator = builder.typingIndicator;
    }

    /**
     * Starts a builder with the defaults: {@code System.in}, {@code System.out}, address {@value #DEFAULT_ADDRESS},
     * agent name {@value #DEFAULT_AGENT_NAME}, voice notes saved under {@code <java.io.tmpdir>/zupa-console-voice},
     * the system UTC clock, and no typing indicator.
     *
     * @return a new builder; never null
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The transport name.
     *
     * @return {@value #NAME}
     */
    @Override
    public String name() {
        return NAME;
    }

    /**
     * The console user's address, the {@code from} of every inbound message.
     *
     * @return the address; never blank
     */
    public String address() {
        return address;
    }

    /**
     * Where voice replies are saved. Created when the first one is.
     *
     * @return the directory; never null
     */
    public Path voiceDirectory() {
        return voiceDirectory;
    }

    /**
     * Starts the reader thread. Returns at once; {@link TransportEvent.Ready} follows when reading begins.
     *
     * @param context where lines go; never null
     * @throws IllegalStateException when the transport was already started or is closed
     */
    @Override
    public void start(TransportContext context) {
        Objects.requireNonNull(context, "context");
        stateLock.lock();
        try {
            if (closed) {
                throw new IllegalStateException("the console transport is closed");
            }
            if (reader != null) {
                throw new IllegalStateException("the console transport was already started");
            }
            long startMillis = clock.millis();
            var lines = new BufferedReader(input);
            reader = Thread.ofVirtual().name("zupa-console-reader").start(() -> readLines(context, lines, startMillis));
        } finally {
            stateLock.unlock();
        }
    }

    /**
     * Prints a reply; a voice reply is saved as a file first. Sending the same outbox id again overwrites the file.
     *
     * @param message the reply; never null
     * @return for a voice reply, a receipt whose id is the saved file's name; otherwise a receipt without id; never
     *     null
     * @throws ProviderException {@link ProviderErrorKind#UNAVAILABLE} when the transport is closed, the voice file
     *     cannot be written or the output fails
     */
    @Override
    public Delivery send(OutboundMessage message) {
        Objects.requireNonNull(message, "message");
        if (closed) {
            throw failure(ProviderErrorKind.UNAVAILABLE, "the console transport is closed", null);
        }
        String label = message.to().equals(address) ? agentName : agentName + " (to " + message.to() + ")";
        return switch (message.content()) {
            case OutboundContent.Text text -> {
                printOrFail(label + ": " + text.text());
                yield Delivery.accepted();
            }
            case OutboundContent.Voice voice -> {
                AudioClip audio = voice.audio();
                Path file = saveVoiceNote(message.id(), audio);
                String caption = voice.text().isBlank() ? "" : " " + voice.text();
                printOrFail(label + ": [voice note " + audio.size() + " bytes, " + audio.mimeType() + ", saved to "
                        + file + "]" + caption);
                yield new Delivery(Optional.of(file.getFileName().toString()));
            }
        };
    }

    /**
     * Reads the audio file a {@code /voicenote} line named.
     *
     * @param media the handle; its id is the file's path; never null
     * @return the file's bytes with the handle's media type; never null
     * @throws ProviderException {@link ProviderErrorKind#BAD_REQUEST} when the file is missing, unreadable or empty
     */
    @Override
    public AudioClip download(MediaRef media) {
        Objects.requireNonNull(media, "media");
        Path file;
        try {
            file = Path.of(media.id());
        } catch (InvalidPathException e) {
            throw failure(ProviderErrorKind.BAD_REQUEST, "'" + media.id() + "' is not a file path", e);
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw failure(ProviderErrorKind.BAD_REQUEST, "no audio file at " + file, e);
        } catch (IOException e) {
            throw failure(ProviderErrorKind.BAD_REQUEST, "cannot read audio file " + file + ": " + e, e);
        }
        if (bytes.length == 0) {
            throw failure(ProviderErrorKind.BAD_REQUEST, "audio file " + file + " is empty", null);
        }
        return new AudioClip(bytes, media.mimeType());
    }

    /**
     * Prints {@code <agent>: ...} when the typing indicator is on; otherwise does nothing.
     *
     * @param to the recipient; never null
     */
    @Override
    public void typing(String to) {
        Objects.requireNonNull(to, "to");
        if (typingIndicator && !closed) {
            printLine(agentName + ": ...");
        }
    }

    /**
     * Whether reading has stopped: the input ended or failed, or the transport was closed.
     *
     * @return true once reading has stopped
     */
    public boolean inputClosed() {
        return inputClosed.getCount() == 0;
    }

    /**
     * Waits until reading stops: the input ended or failed, or the transport was closed. Messages read before the
     * end have been handed to the context by then; their replies may still be on their way.
     *
     * @param timeout how long to wait at most; never null or negative
     * @return true when reading stopped, false when the time ran out or the waiting thread was interrupted (its
     *     interrupt flag is then set again)
     */
    public boolean awaitInputClosed(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must not be negative, was " + timeout);
        }
        try {
            return inputClosed.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return inputClosed();
        }
    }

    /**
     * Waits without limit until reading stops, as {@link #awaitInputClosed(Duration)} does. Returns early, with the
     * interrupt flag set, when the waiting thread is interrupted.
     */
    public void awaitInputClosed() {
        try {
            inputClosed.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Stops reading and flushes the output. Idempotent. A line being delivered is delivered; no line is delivered
     * afterwards. The input and output stay open: a reader blocked on {@code System.in} ends with the next line or
     * the end of input, without delivering it.
     */
    @Override
    public void close() {
        stateLock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            // an interrupt could break a delivery in progress; the reader checks the flag once it returns
            if (reader != null && !delivering) {
                reader.interrupt();
            }
        } finally {
            stateLock.unlock();
        }
        inputClosed.countDown();
        output.flush();
    }

    private void readLines(TransportContext context, BufferedReader lines, long startMillis) {
        try {
            try {
                context.event(new TransportEvent.Ready());
            } catch (RuntimeException e) {
                printLine(NOTICE + "error: the ready event failed: " + e.getMessage());
            }
            long lineNumber = 0;
            String line;
            while (!closed && (line = lines.readLine()) != null) {
                lineNumber++;
                handleLine(context, line.strip(), startMillis + "-" + lineNumber);
            }
        } catch (IOException e) {
            if (!closed) {
                printLine(NOTICE + "error: cannot read input: " + e.getMessage());
            }
        } finally {
            inputClosed.countDown();
        }
    }

    private void handleLine(TransportContext context, String line, String defaultId) {
        if (line.isEmpty()) {
            return;
        }
        InboundMessage message;
        try {
            Optional<String> voiceNote = VoiceNoteCommand.argument(line);
            if (voiceNote.isPresent()) {
                Optional<MediaRef> media =
                        VoiceNoteCommand.resolve(voiceNote.get(), notice -> printLine(NOTICE + notice));
                if (media.isEmpty()) {
                    return;
                }
                message = InboundMessage.voice(NAME, nextId(defaultId), address, media.get(), clock.instant());
            } else {
                message = InboundMessage.text(NAME, nextId(defaultId), address, line, clock.instant());
            }
            if (displayName != null) {
                message = message.withSenderName(displayName);
            }
        } catch (RuntimeException e) {
            printLine(NOTICE + "error: cannot read this line as a message: " + e.getMessage());
            return;
        }
        stateLock.lock();
        try {
            if (closed) {
                return;
            }
            delivering = true;
        } finally {
            stateLock.unlock();
        }
        try {
            context.deliver(message);
        } catch (RuntimeException e) {
            printLine(NOTICE + "error: message not delivered, type it again: " + e.getMessage());
        } finally {
            stateLock.lock();
            try {
                delivering = false;
            } finally {
                stateLock.unlock();
            }
        }
    }

    private String nextId(String defaultId) {
        return messageIds == null ? defaultId : messageIds.get();
    }

    private Path saveVoiceNote(String outboxId, AudioClip audio) {
        String fileName = outboxId.replaceAll("[^A-Za-z0-9._-]", "_") + "." + AudioTypes.extensionOf(audio.mimeType());
        Path file = voiceDirectory.resolve(fileName).toAbsolutePath();
        try {
            Files.createDirectories(voiceDirectory);
            Files.write(file, audio.data());
        } catch (IOException e) {
            throw failure(ProviderErrorKind.UNAVAILABLE, "cannot save the voice note to " + file + ": " + e, e);
        }
        return file;
    }

    private void printOrFail(String line) {
        if (!printLine(line)) {
            throw failure(ProviderErrorKind.UNAVAILABLE, "cannot write to the console output", null);
        }
    }

    private boolean printLine(String line) {
        return output.println(line);
    }

    private static ProviderException failure(ProviderErrorKind kind, String message, @Nullable Throwable cause) {
        var builder = ProviderException.builder(kind, NAME, message);
        if (cause != null) {
            builder.cause(cause);
        }
        return builder.build();
    }

    private static Charset consoleCharset() {
        var console = System.console();
        return console != null ? console.charset() : Charset.defaultCharset();
    }

    /**
     * Configures a {@link ConsoleTransport}. Mutable and not thread-safe.
     *
     * @since 0.1
     */
    public static final class Builder {
        private @Nullable Reader input;
        private @Nullable PrintStream stream;
        private @Nullable Writer writer;
        private String address = DEFAULT_ADDRESS;
        private @Nullable String displayName;
        private String agentName = DEFAULT_AGENT_NAME;
        private @Nullable Path voiceDirectory;
        private Clock clock = Clock.systemUTC();
        private @Nullable Supplier<String> messageIds;
        private boolean typingIndicator;

        private Builder() {}

        /**
         * Reads lines from a reader instead of {@code System.in}.
         *
         * @param value the input; never null
         * @return this builder; never null
         */
        public Builder input(Reader value) {
            this.input = Objects.requireNonNull(value, "input");
            return this;
        }

        /**
         * Reads UTF-8 lines from a stream instead of {@code System.in}.
         *
         * @param value the input; never null
         * @return this builder; never null
         */
        public Builder input(InputStream value) {
            return input(value, StandardCharsets.UTF_8);
        }

        /**
         * Reads lines in a charset from a stream instead of {@code System.in}.
         *
         * @param value the input; never null
         * @param charset its encoding; never null
         * @return this builder; never null
         */
        public Builder input(InputStream value, Charset charset) {
            Objects.requireNonNull(value, "input");
            Objects.requireNonNull(charset, "charset");
            return input(new InputStreamReader(value, charset));
        }

        /**
         * Prints replies on a stream instead of {@code System.out}.
         *
         * @param value the output; never null
         * @return this builder; never null
         */
        public Builder output(PrintStream value) {
            this.stream = Objects.requireNonNull(value, "output");
            this.writer = null;
            return this;
        }

        /**
         * Prints replies on a writer instead of {@code System.out}; each line is flushed.
         *
         * @param value the output; never null
         * @return this builder; never null
         */
        public Builder output(Writer value) {
            this.writer = Objects.requireNonNull(value, "output");
            this.stream = null;
            return this;
        }

        /**
         * The console user's address, the {@code from} of inbound messages; {@value ConsoleTransport#DEFAULT_ADDRESS} by
         * default.
         *
         * @param value the address; never blank
         * @return this builder; never null
         * @throws IllegalArgumentException when the address is blank
         */
        public Builder address(String value) {
            this.address = nonBlank(value, "address");
            return this;
        }

        /**
         * The console user's display name, given as every inbound message's sender name; none by default.
         *
         * @param value the name; never blank
         * @return this builder; never null
         * @throws IllegalArgumentException when the name is blank
         */
        public Builder displayName(String value) {
            this.displayName = nonBlank(value, "displayName");
            return this;
        }

        /**
         * The label printed before the agent's replies; {@value ConsoleTransport#DEFAULT_AGENT_NAME} by default.
         *
         * @param value the label; never blank
         * @return this builder; never null
         * @throws IllegalArgumentException when the label is blank
         */
        public Builder agentName(String value) {
            this.agentName = nonBlank(value, "agentName");
            return this;
        }

        /**
         * Where voice replies are saved; created when the first one is. {@code <java.io.tmpdir>/zupa-console-voice}
         * by default.
         *
         * @param value the directory; never null
         * @return this builder; never null
         */
        public Builder voiceDirectory(Path value) {
            this.voiceDirectory = Objects.requireNonNull(value, "voiceDirectory");
            return this;
        }

        /**
         * The clock that stamps inbound messages and starts the default message ids; the system UTC clock by
         * default.
         *
         * @param value the clock; never null
         * @return this builder; never null
         */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /**
         * Where inbound message ids come from instead of {@code <start millis>-<line number>}. Asked once per
         * delivered line, on the reader thread; it must never repeat an id, or the runtime drops the message as a
         * redelivery.
         *
         * @param value the id source; never null, and its ids never blank
         * @return this builder; never null
         */
        public Builder messageIds(Supplier<String> value) {
            this.messageIds = Objects.requireNonNull(value, "messageIds");
            return this;
        }

        /**
         * Whether {@link ConsoleTransport#typing(String)} prints {@code <agent>: ...}; off by default.
         *
         * @param value true to print it
         * @return this builder; never null
         */
        public Builder typingIndicator(boolean value) {
            this.typingIndicator = value;
            return this;
        }

        /**
         * Creates the transport. It reads nothing until started.
         *
         * @return a new transport; never null
         */
        public ConsoleTransport build() {
            return new ConsoleTransport(this);
        }

        private static String nonBlank(String value, String name) {
            Objects.requireNonNull(value, name);
            if (value.isBlank()) {
                throw new IllegalArgumentException(name + " must not be blank, was '" + value + "'");
            }
            return value;
        }
    }
}
