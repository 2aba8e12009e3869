package dev.zupa.adapters.console;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.zupa.core.ZupaException;
import dev.zupa.core.provider.ProviderErrorKind;
import dev.zupa.core.provider.ProviderException;
import dev.zupa.core.speech.AudioClip;
import dev.zupa.core.transport.ContentType;
import dev.zupa.core.transport.InboundMessage;
import dev.zupa.core.transport.MediaRef;
import dev.zupa.core.transport.OutboundContent;
import dev.zupa.core.transport.OutboundMessage;
import dev.zupa.core.transport.TransportContext;
import dev.zupa.core.transport.TransportEvent;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(10)
class ConsoleTransportTest {
    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final Duration WAIT = Duration.ofSeconds(5);

    @TempDir
    Path dir;

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream output = new PrintStream(bytes, true, UTF_8);
    private final RecordingContext context = new RecordingContext();

    private ConsoleTransport.Builder console(String input) {
        return ConsoleTransport.builder()
                .input(new StringReader(input))
                .output(output)
                .clock(CLOCK)
                .voiceDirectory(dir.resolve("out"));
    }

    /** Runs the transport over the whole input and returns what it delivered. */
    private List<InboundMessage> runOver(ConsoleTransport transport) {
        transport.start(context);
        assertThat(transport.awaitInputClosed(WAIT)).isTrue();
        return context.delivered;
    }

    private List<String> outputLines() {
        return bytes.toString(UTF_8).lines().toList();
    }

    @Test
    void deliversEachTextLineFromTheConsoleUser() {
        try (var transport = console("hello there\n  /help  \n")
                .address("+15550001")
                .displayName("Ana")
                .build()) {
            var delivered = runOver(transport);

            assertThat(delivered)
                    .containsExactly(
                            InboundMessage.text("console", NOW.toEpochMilli() + "-1", "+15550001", "hello there", NOW)
                                    .withSenderName("Ana"),
                            InboundMessage.text("console", NOW.toEpochMilli() + "-2", "+15550001", "/help", NOW)
                                    .withSenderName("Ana"));
            assertThat(context.events).containsExactly(new TransportEvent.Ready());
            assertThat(transport.name()).isEqualTo("console");
        }
    }

    @Test
    void skipsBlankLinesButCountsThemInIds() {
        try (var transport = console("\n   \nfirst\n\t\nsecond").build()) {
            var delivered = runOver(transport);

            assertThat(delivered).extracting(InboundMessage::text).containsExactly("first", "second");
            assertThat(delivered)
                    .extracting(InboundMessage::messageId)
                    .containsExactly(NOW.toEpochMilli() + "-3", NOW.toEpochMilli() + "-5");
            assertThat(delivered).extracting(InboundMessage::from).containsOnly(ConsoleTransport.DEFAULT_ADDRESS);
            assertThat(delivered).extracting(InboundMessage::senderName).containsOnly(Optional.empty());
        }
    }

    @Test
    void usesTheConfiguredMessageIds() {
        var n = new AtomicInteger();
        try (var transport =
                console("a\n\nb\n").messageIds(() -> "m-" + n.incrementAndGet()).build()) {
            assertThat(runOver(transport)).extracting(InboundMessage::messageId).containsExactly("m-1", "m-2");
        }
    }

    @Test
    void voiceNoteLineDeliversTheAudioFileAndDownloadsIt() throws IOException {
        Path note = Files.write(dir.resolve("hello note.ogg"), new byte[] {1, 2, 3});
        try (var transport = console("/voicenote \"" + note + "\"\n").build()) {
            var delivered = runOver(transport);

            assertThat(delivered).as(bytes.toString(UTF_8)).singleElement().satisfies(message -> {
                assertThat(message.type()).isEqualTo(ContentType.VOICE);
                assertThat(message.text()).isEmpty();
                assertThat(message.messageId()).isEqualTo(NOW.toEpochMilli() + "-1");
                assertThat(message.media())
                        .contains(new MediaRef(note.toAbsolutePath().toString(), "audio/ogg; codecs=opus"));
                assertThat(transport.download(message.media().orElseThrow()))
                        .isEqualTo(new AudioClip(new byte[] {1, 2, 3}, "audio/ogg; codecs=opus"));
            });
            assertThat(outputLines()).isEmpty();
        }
    }

    @Test
    void guessesTheMediaTypeFromTheExtension() {
        assertThat(AudioTypes.mimeTypeOf(Path.of("a.OPUS"))).isEqualTo("audio/ogg; codecs=opus");
        assertThat(AudioTypes.mimeTypeOf(Path.of("a.mp3"))).isEqualTo("audio/mpeg");
        assertThat(AudioTypes.mimeTypeOf(Path.of("a.wav"))).isEqualTo("audio/wav");
        assertThat(AudioTypes.mimeTypeOf(Path.of("a.txt"))).isEqualTo("application/octet-stream");
        assertThat(AudioTypes.mimeTypeOf(Path.of("noextension"))).isEqualTo("application/octet-stream");
        assertThat(AudioTypes.extensionOf("audio/ogg; codecs=opus")).isEqualTo("ogg");
        assertThat(AudioTypes.extensionOf("Audio/MPEG")).isEqualTo("mp3");
        assertThat(AudioTypes.extensionOf("audio/x-wav")).isEqualTo("wav");
        assertThat(AudioTypes.extensionOf("application/x-unknown")).isEqualTo("bin");
    }

    @Test
    void missingOrEmptyVoiceNoteFilePrintsAnErrorAndDeliversNothing() throws IOException {
        Path missing = dir.resolve("missing.ogg");
        Path empty = Files.createFile(dir.resolve("empty.ogg"));
        try (var transport = console("/voicenote " + missing + "\n/voicenote " + empty + "\n/voicenote\nafter\n")
                .build()) {
            var delivered = runOver(transport);

            assertThat(delivered).extracting(InboundMessage::text).containsExactly("after");
            assertThat(delivered).extracting(InboundMessage::messageId).containsExactly(NOW.toEpochMilli() + "-4");
            assertThat(outputLines())
                    .containsExactly(
                            "[console] no readable audio file at " + missing.toAbsolutePath() + "; nothing sent",
                            "[console] audio file " + empty.toAbsolutePath() + " is empty; nothing sent",
                            "[console] usage: /voicenote <path-to-audio-file>");
        }
    }

    @Test
    void otherSlashWordsStayText() {
        try (var transport = console("/voicenotes x\n/voice\n/reset\n").build()) {
            assertThat(runOver(transport))
                    .extracting(InboundMessage::type, InboundMessage::text)
                    .containsExactly(
                            tuple(ContentType.TEXT, "/voicenotes x"),
                            tuple(ContentType.TEXT, "/voice"),
                            tuple(ContentType.TEXT, "/reset"));
        }
    }

    @Test
    void downloadOfAMissingFileIsABadRequest() {
        try (var transport = console("").build()) {
            var ref = new MediaRef(dir.resolve("gone.ogg").toString(), "audio/ogg");

            assertThatThrownBy(() -> transport.download(ref))
                    .isInstanceOfSatisfying(
                            ProviderException.class, e -> assertThat(e.kind()).isEqualTo(ProviderErrorKind.BAD_REQUEST))
                    .hasMessageContaining("no audio file at " + dir.resolve("gone.ogg"));
            assertThatThrownBy(() -> transport.download(new MediaRef(dir.toString(), "audio/ogg")))
                    .isInstanceOfSatisfying(
                            ProviderException.class, e -> assertThat(e.kind()).isEqualTo(ProviderErrorKind.BAD_REQUEST))
                    .hasMessageContaining("cannot read audio file " + dir);
        }
    }

    @Test
    void failedDeliveryPrintsAnErrorAndReadingGoesOn() {
        context.failOn = Optional.of("boom");
        try (var transport = console("boom\nfine\n").build()) {
            var delivered = runOver(transport);

            assertThat(delivered).extracting(InboundMessage::text).containsExactly("fine");
            assertThat(outputLines())
                    .containsExactly("[console] error: message not delivered, type it again: store is down");
        }
    }

    @Test
    void sendsTextAsOneLabelledLine() {
        try (var transport = console("").agentName("zupa").build()) {
            var delivery = transport.send(
                    new OutboundMessage("out-1", ConsoleTransport.DEFAULT_ADDRESS, new OutboundContent.Text("Hi!")));
            transport.send(new OutboundMessage("out-2", "someone-else", new OutboundContent.Text("two\nlines")));

            assertThat(delivery.transportMessageId()).isEmpty();
            assertThat(outputLines()).containsExactly("zupa: Hi!", "zupa (to someone-else): two", "lines");
        }
    }

    @Test
    void sendsVoiceAsAFileInTheVoiceDirectory() throws IOException {
        try (var transport = console("").build()) {
            var audio = new AudioClip(new byte[] {9, 8, 7, 6}, "audio/ogg; codecs=opus");

            var delivery = transport.send(new OutboundMessage(
                    "run/1:reply", ConsoleTransport.DEFAULT_ADDRESS, new OutboundContent.Voice(audio, "Hello")));

            Path file = dir.resolve("out").resolve("run_1_reply.ogg").toAbsolutePath();
            assertThat(Files.readAllBytes(file)).containsExactly(9, 8, 7, 6);
            assertThat(delivery.transportMessageId()).contains("run_1_reply.ogg");
            assertThat(outputLines())
                    .containsExactly(
                            "agent: [voice note 4 bytes, audio/ogg; codecs=opus, saved to " + file + "] Hello");
        }
    }

    @Test
    void writerOutputIsFlushedPerLine() {
        var writer = new StringWriter();
        try (var transport = ConsoleTransport.builder()
                .input(new StringReader(""))
                .output(writer)
                .typingIndicator(true)
                .build()) {
            transport.typing("console-user");
            transport.send(new OutboundMessage("o", "console-user", new OutboundContent.Text("done")));

            assertThat(writer.toString().lines()).containsExactly("agent: ...", "agent: done");
        }
    }

    @Test
    void typingPrintsNothingByDefault() {
        try (var transport = console("").build()) {
            transport.typing("console-user");

            assertThat(bytes.size()).isZero();
        }
    }

    @Test
    void concurrentSendsNeverInterleave() throws Exception {
        String text = "x".repeat(2_000);
        int threads = 8;
        int perThread = 50;
        try (var transport = console("").build();
                var pool = Executors.newFixedThreadPool(threads)) {
            var go = new CountDownLatch(1);
            var futures = new ArrayList<Future<?>>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    go.await();
                    for (int i = 0; i < perThread; i++) {
                        transport.send(new OutboundMessage(
                                "o-" + thread + "-" + i,
                                "console-user",
                                new OutboundContent.Text(thread + ":" + i + ":" + text)));
                    }
                    return null;
                }));
            }
            go.countDown();
            for (var future : futures) {
                future.get(WAIT.toSeconds(), TimeUnit.SECONDS);
            }
        }

        assertThat(outputLines()).hasSize(threads * perThread).allSatisfy(line -> assertThat(line)
                .matches("agent: \\d+:\\d+:x{2000}"));
    }

    @Test
    void endOfInputCompletesInputClosedWhilePipedInputIsLive() throws IOException {
        var pipe = new PipedOutputStream();
        try (var in = new PipedInputStream(pipe);
                var transport = ConsoleTransport.builder()
                        .input(in)
                        .output(output)
                        .clock(CLOCK)
                        .build()) {
            transport.start(context);
            pipe.write("one\n".getBytes(UTF_8));
            pipe.flush();

            assertThat(context.take()).extracting(InboundMessage::text).isEqualTo("one");
            assertThat(transport.inputClosed()).isFalse();

            pipe.write("two\n".getBytes(UTF_8));
            pipe.close();

            assertThat(transport.awaitInputClosed(WAIT)).isTrue();
            assertThat(context.delivered).extracting(InboundMessage::text).containsExactly("one", "two");
        }
    }

    @Test
    void closeIsIdempotentStopsReadingAndRefusesSends() throws IOException {
        var pipe = new PipedOutputStream();
        try (var in = new PipedInputStream(pipe)) {
            var transport = ConsoleTransport.builder()
                    .input(in)
                    .output(output)
                    .clock(CLOCK)
                    .build();
            transport.start(context);
            assertThat(context.awaitEvent()).isEqualTo(new TransportEvent.Ready());

            transport.close();
            transport.close();

            assertThat(transport.awaitInputClosed(WAIT)).isTrue();
            assertThatThrownBy(() ->
                            transport.send(new OutboundMessage("o", "console-user", new OutboundContent.Text("late"))))
                    .isInstanceOfSatisfying(
                            ProviderException.class, e -> assertThat(e.kind()).isEqualTo(ProviderErrorKind.UNAVAILABLE))
                    .hasMessageContaining("closed");
            assertThatThrownBy(() -> transport.start(context))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("closed");
            assertThat(context.delivered).isEmpty();
            assertThat(bytes.size()).isZero();
        }
    }

    @Test
    void startsOnlyOnce() {
        try (var transport = console("").build()) {
            transport.start(context);

            assertThatThrownBy(() -> transport.start(context))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("the console transport was already started");
        }
    }

    @Test
    void builderRejectsBlankSettings() {
        var builder = ConsoleTransport.builder();

        assertThatThrownBy(() -> builder.address(" "))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("address must not be blank, was ' '");
        assertThatThrownBy(() -> builder.agentName(""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("agentName must not be blank, was ''");
        assertThatThrownBy(() -> builder.displayName("\t"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("displayName must not be blank, was '\t'");
    }

    /** Records what the transport hands over; delivering {@link #failOn} throws. */
    private static final class RecordingContext implements TransportContext {
        final List<InboundMessage> delivered = new CopyOnWriteArrayList<>();
        final List<TransportEvent> events = new CopyOnWriteArrayList<>();
        private final BlockingQueue<InboundMessage> queue = new LinkedBlockingQueue<>();
        private final BlockingQueue<TransportEvent> eventQueue = new LinkedBlockingQueue<>();
        volatile Optional<String> failOn = Optional.empty();

        @Override
        public void deliver(InboundMessage message) {
            if (failOn.filter(message.text()::equals).isPresent()) {
                throw new ZupaException("store is down");
            }
            delivered.add(message);
            queue.add(message);
        }

        @Override
        public void event(TransportEvent event) {
            events.add(event);
            eventQueue.add(event);
        }

        InboundMessage take() {
            try {
                var message = queue.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
                assertThat(message).as("a delivered message").isNotNull();
                return message;
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }

        TransportEvent awaitEvent() {
            try {
                var event = eventQueue.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
                assertThat(event).as("a transport event").isNotNull();
                return event;
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
    }
}
