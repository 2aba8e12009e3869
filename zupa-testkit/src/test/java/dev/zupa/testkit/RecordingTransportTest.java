package dev.zupa.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class RecordingTransportTest {
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private static final AudioClip NOTE = new AudioClip(new byte[] {1, 2, 3}, "audio/ogg; codecs=opus");

    private final ManualClock clock = ManualClock.of(T0);
    private final RecordingTransport transport =
            RecordingTransport.builder().clock(clock).build();
    private final Context context = new Context();

    private static OutboundMessage text(String id, String text) {
        return new OutboundMessage(id, "+15550001", new OutboundContent.Text(text));
    }

    private static ProviderException unavailable() {
        return ProviderException.builder(ProviderErrorKind.UNAVAILABLE, "test", "down")
                .status(503)
                .build();
    }

    @Test
    void receiveTextHandsTheMessageToTheContext() {
        transport.start(context);

        var message = transport.receiveText("+15550001", "m-1", "hello");

        assertThat(message).isEqualTo(InboundMessage.text("test", "m-1", "+15550001", "hello", T0));
        assertThat(context.delivered).containsExactly(message);
        assertThat(transport.name()).isEqualTo("test");
        assertThat(transport.started()).isTrue();
    }

    @Test
    void receiveVoiceKeepsTheAudioForDownload() {
        transport.start(context);

        var message = transport.receiveVoice("+15550001", "m-2", NOTE);

        assertThat(message.type()).isEqualTo(ContentType.VOICE);
        assertThat(message.media()).contains(new MediaRef("m-2", "audio/ogg; codecs=opus"));
        assertThat(context.delivered).containsExactly(message);
        assertThat(transport.download(message.media().orElseThrow())).isEqualTo(NOTE);
        assertThat(transport.downloads()).containsExactly(new MediaRef("m-2", "audio/ogg; codecs=opus"));
    }

    @Test
    void receiveOfAHandBuiltMessageWithAddedMedia() {
        var named =
                RecordingTransport.builder().name("whatsapp-web").clock(clock).build();
        named.start(context);
        var ref = named.addMedia("media-9", NOTE);

        named.receive(InboundMessage.voice("whatsapp-web", "m-3", "+15550001", ref, T0)
                .withSenderName("Ana"));

        assertThat(context.delivered).singleElement().satisfies(m -> {
            assertThat(m.senderName()).contains("Ana");
            assertThat(named.download(m.media().orElseThrow())).isEqualTo(NOTE);
        });
        assertThatThrownBy(() -> named.receive(InboundMessage.text("test", "m-4", "+1", "x", T0)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(
                        "RecordingTransport 'whatsapp-web' cannot receive a message of transport 'test' (test/m-4)");
    }

    @Test
    void downloadOfUnknownMediaIsABadRequest() {
        assertThatThrownBy(() -> transport.download(new MediaRef("nope", "audio/ogg")))
                .isInstanceOfSatisfying(
                        ProviderException.class, e -> assertThat(e.kind()).isEqualTo(ProviderErrorKind.BAD_REQUEST))
                .hasMessageContaining("no media 'nope'; receiveVoice or addMedia first");
    }

    @Test
    void failsDownloadsOnRequest() {
        transport.addMedia("a", NOTE);
        transport.failNextDownloads(1, unavailable());

        assertThatThrownBy(() -> transport.download(new MediaRef("a", "audio/ogg")))
                .isInstanceOf(ProviderException.class);
        assertThat(transport.download(new MediaRef("a", "audio/ogg"))).isEqualTo(NOTE);
        assertThat(transport.downloads()).hasSize(2);
    }

    @Test
    void receivingBeforeStartOrAfterCloseFailsClearly() {
        assertThatThrownBy(() -> transport.receiveText("+1", "m-1", "hi"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("cannot receive test/m-1: RecordingTransport 'test' is not started;"
                        + " start it (or the runtime with it) first");

        transport.start(context);
        transport.close();
        transport.close();

        assertThat(transport.closed()).isTrue();
        assertThat(transport.started()).isFalse();
        assertThatThrownBy(() -> transport.emit(new TransportEvent.Ready()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("RecordingTransport 'test' is closed");
        assertThat(context.delivered).isEmpty();
    }

    @Test
    void startsAgainAfterCloseButNotTwice() {
        transport.start(context);
        assertThatThrownBy(() -> transport.start(context))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("RecordingTransport 'test' was already started");

        transport.close();
        var second = new Context();
        transport.start(second);
        transport.receiveText("+1", "m-1", "again");

        assertThat(second.delivered).extracting(InboundMessage::text).containsExactly("again");
        assertThat(transport.closed()).isFalse();
    }

    @Test
    void deliveryFailuresReachTheCaller() {
        context.fail = true;
        transport.start(context);

        assertThatThrownBy(() -> transport.receiveText("+1", "m-1", "hi"))
                .isInstanceOf(ZupaException.class)
                .hasMessage("store is down");
    }

    @Test
    void emitPassesEventsToTheContext() {
        transport.start(context);

        transport.emit(new TransportEvent.QrRequested("qr-payload"));
        transport.emit(new TransportEvent.AuthFailed("expired"));

        assertThat(context.events)
                .containsExactly(
                        new TransportEvent.QrRequested("qr-payload"), new TransportEvent.AuthFailed("expired"));
    }

    @Test
    void recordsSendsInOrderIncludingRepeats() {
        var first = transport.send(text("out-1", "one"));
        transport.send(text("out-1", "one"));
        var voice = new OutboundMessage("out-2", "+15550001", new OutboundContent.Voice(NOTE, "two"));
        transport.send(voice);

        assertThat(first.transportMessageId()).contains("test-1");
        assertThat(transport.sent()).containsExactly(text("out-1", "one"), text("out-1", "one"), voice);
        assertThat(transport.sentTexts()).containsExactly("one", "one", "two");
        assertThat(transport.sendAttempts()).isEqualTo(3);
    }

    @Test
    void sentIsASnapshot() {
        transport.send(text("out-1", "one"));
        var snapshot = transport.sent();
        transport.send(text("out-2", "two"));

        assertThat(snapshot).hasSize(1);
        assertThatThrownBy(() -> snapshot.add(text("x", "x"))).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void failsTheNextSendsThenRecovers() {
        var failure = unavailable();
        transport.failNextSends(2, failure);

        assertThatThrownBy(() -> transport.send(text("out-1", "one"))).isSameAs(failure);
        assertThatThrownBy(() -> transport.send(text("out-1", "one"))).isSameAs(failure);
        transport.send(text("out-1", "one"));

        assertThat(transport.sent()).extracting(OutboundMessage::id).containsExactly("out-1");
        assertThat(transport.sendAttempts()).isEqualTo(3);
    }

    @Test
    void failsMatchingSendsUntilHealed() {
        var failure = unavailable();
        transport.failSendsWhen(m -> m.content() instanceof OutboundContent.Voice, failure);
        var voice = new OutboundMessage("out-2", "+15550001", new OutboundContent.Voice(NOTE, "two"));

        transport.send(text("out-1", "one"));
        assertThatThrownBy(() -> transport.send(voice)).isSameAs(failure);
        transport.healSends();
        transport.send(voice);

        assertThat(transport.sent()).extracting(OutboundMessage::id).containsExactly("out-1", "out-2");
    }

    @Test
    void awaitSentReturnsOnceEnoughWereSent() throws InterruptedException {
        var go = new CountDownLatch(1);
        var sender = Thread.ofVirtual().start(() -> {
            try {
                go.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            transport.send(text("out-1", "one"));
            transport.send(text("out-2", "two"));
        });
        go.countDown();

        assertThat(transport.awaitSent(2, Duration.ofSeconds(5)))
                .extracting(OutboundMessage::id)
                .containsExactly("out-1", "out-2");
        sender.join();
        assertThat(transport.awaitSent(0, Duration.ZERO)).hasSize(2);
    }

    @Test
    void awaitSentFailsListingWhatWasSent() {
        transport.send(text("out-1", "one"));
        transport.send(new OutboundMessage("out-2", "+15550002", new OutboundContent.Voice(NOTE, "two")));

        assertThatThrownBy(() -> transport.awaitSent(3, Duration.ofMillis(20)))
                .isInstanceOf(AssertionError.class)
                .hasMessage("expected at least 3 sent message(s) on transport 'test' within PT0.02S, but 2 were sent:\n"
                        + "  out-1 to +15550001: one\n"
                        + "  out-2 to +15550002: [voice AudioClip[audio/ogg; codecs=opus, 3 bytes]] two");
        assertThatThrownBy(() -> RecordingTransport.create().awaitSent(1, Duration.ZERO))
                .isInstanceOf(AssertionError.class)
                .hasMessageEndingWith("but 0 were sent (none)");
    }

    @Test
    void recordsTypingCalls() {
        transport.typing("+15550001");
        transport.typing("+15550002");

        assertThat(transport.typingCalls()).containsExactly("+15550001", "+15550002");
    }

    @Test
    void rejectsBadArguments() {
        assertThatThrownBy(() -> RecordingTransport.builder().name(" "))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("name must not be blank, was ' '");
        assertThatThrownBy(() -> transport.failNextSends(-1, unavailable()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("n must be zero or more, was -1");
        assertThatThrownBy(() -> transport.awaitSent(-1, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("count must be zero or more, was -1");
    }

    /** Records deliveries and events; throws on delivery when {@link #fail} is set. */
    private static final class Context implements TransportContext {
        final List<InboundMessage> delivered = new CopyOnWriteArrayList<>();
        final List<TransportEvent> events = new CopyOnWriteArrayList<>();
        volatile boolean fail;

        @Override
        public void deliver(InboundMessage message) {
            if (fail) {
                throw new ZupaException("store is down");
            }
            delivered.add(message);
        }

        @Override
        public void event(TransportEvent event) {
            events.add(event);
        }
    }
}
