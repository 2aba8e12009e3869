package dev.zupa.adapters.whatsappweb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zupa.core.provider.ProviderErrorKind;
import dev.zupa.core.provider.ProviderException;
import dev.zupa.core.speech.AudioClip;
import dev.zupa.core.transport.Delivery;
import dev.zupa.core.transport.OutboundContent;
import dev.zupa.core.transport.OutboundMessage;
import dev.zupa.core.transport.TransportEvent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Replies: what the library is asked to send, the receipts, and the failures. */
@Timeout(60)
class WhatsAppWebSendTest {
    private static final String READY = """
            {"runs": [{"steps": [{"emit": "ready"}]}]}
            """;
    private static final byte[] OPUS = "OggS fake opus reply".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path root;

    @Test
    void sendsTextToThePhoneNumbersChat() {
        try (var sidecar = new FakeSidecar(root, READY)) {
            var transport = ready(sidecar);

            var delivery =
                    transport.send(new OutboundMessage("out-1", "5215512345678", new OutboundContent.Text("hola")));

            assertThat(delivery).isEqualTo(new Delivery(Optional.of("true_5215512345678@c.us_FAKE1x1")));
            var args = sidecar.calls("sendMessage").getFirst().path("args");
            assertThat(args.path(0).asText()).isEqualTo("5215512345678@c.us");
            assertThat(args.path(1).asText()).isEqualTo("hola");
        }
    }

    @Test
    void sendsOggOpusAsAVoiceNote() {
        try (var sidecar = new FakeSidecar(root, READY)) {
            var transport = ready(sidecar);

            var delivery = transport.send(new OutboundMessage(
                    "out-2", "+5215512345678", new OutboundContent.Voice(new AudioClip(OPUS, "audio/ogg"), "hola")));

            assertThat(delivery.transportMessageId()).contains("true_5215512345678@c.us_FAKE1x1");
            var args = sidecar.calls("sendMessage").getFirst().path("args");
            assertThat(args.path(0).asText()).isEqualTo("5215512345678@c.us");
            assertThat(args.path(1).path("mimetype").asText()).isEqualTo("audio/ogg; codecs=opus");
            assertThat(Base64.getDecoder().decode(args.path(1).path("data").asText()))
                    .isEqualTo(OPUS);
            assertThat(args.path(2).path("sendAudioAsVoice").asBoolean()).isTrue();
        }
    }

    @Test
    void sendsOtherAudioAsAFileRatherThanABrokenVoiceNote() {
        try (var sidecar = new FakeSidecar(root, READY)) {
            var transport = ready(sidecar);

            transport.send(new OutboundMessage(
                    "out-3", "5215512345678", new OutboundContent.Voice(new AudioClip(OPUS, "audio/mpeg"), "hola")));

            var args = sidecar.calls("sendMessage").getFirst().path("args");
            assertThat(args.path(1).path("mimetype").asText()).isEqualTo("audio/mpeg");
            assertThat(args.path(2).path("sendAudioAsVoice").asBoolean()).isFalse();
        }
    }

    @Test
    void sendsToALidChatAsItIs() {
        try (var sidecar = new FakeSidecar(root, READY)) {
            var transport = ready(sidecar);

            transport.send(new OutboundMessage("out-4", "11223344@lid", new OutboundContent.Text("hi")));

            assertThat(sidecar.calls("sendMessage")
                            .getFirst()
                            .path("args")
                            .path(0)
                            .asText())
                    .isEqualTo("11223344@lid");
        }
    }

    @Test
    void refusesARecipientThatIsNoAddress() {
        try (var sidecar = new FakeSidecar(root, READY)) {
            var transport = ready(sidecar);

            assertThatThrownBy(() ->
                            transport.send(new OutboundMessage("out-5", "Ana Pérez", new OutboundContent.Text("hi"))))
                    .isInstanceOfSatisfying(
                            ProviderException.class, e -> assertThat(e.kind()).isEqualTo(ProviderErrorKind.BAD_REQUEST))
                    .hasMessageContaining("'Ana Pérez' is neither a phone number");
            assertThat(sidecar.calls("sendMessage")).isEmpty();
        }
    }

    @Test
    void aLibraryFailureIsTransient() {
        try (var sidecar = new FakeSidecar(root, """
                {"runs": [{"steps": [{"emit": "ready"}], "onSend": "fail"}]}
                """)) {
            var transport = ready(sidecar);

            assertThatThrownBy(() -> transport.send(text("out-6")))
                    .isInstanceOfSatisfying(ProviderException.class, e -> {
                        assertThat(e.kind()).isEqualTo(ProviderErrorKind.UNAVAILABLE);
                        assertThat(e.retryable()).isTrue();
                        assertThat(e.code()).contains("failed");
                    })
                    .hasMessageContaining("send_text failed: Evaluation failed: the page is reloading");
        }
    }

    @Test
    void sendingBeforeReadyIsTransient() {
        try (var sidecar = new FakeSidecar(root, """
                {"runs": [{"steps": [{"emit": "qr", "args": ["2@scan,me"]}]}]}
                """)) {
            var transport = sidecar.start();
            sidecar.context.nextEvent(TransportEvent.QrRequested.class);

            assertThatThrownBy(() -> transport.send(text("out-7")))
                    .isInstanceOfSatisfying(ProviderException.class, e -> {
                        assertThat(e.kind()).isEqualTo(ProviderErrorKind.UNAVAILABLE);
                        assertThat(e.code()).contains("not_ready");
                    });
        }
    }

    @Test
    void aSendWithoutReplyTimesOut() {
        try (var sidecar = new FakeSidecar(root, """
                {"runs": [{"steps": [{"emit": "ready"}], "onSend": "hang"}]}
                """)) {
            var transport = sidecar.start(sidecar.builder().commandTimeout(Duration.ofMillis(300)));
            sidecar.context.nextEvent(TransportEvent.Ready.class);

            assertThatThrownBy(() -> transport.send(text("out-8")))
                    .isInstanceOfSatisfying(
                            ProviderException.class, e -> assertThat(e.kind()).isEqualTo(ProviderErrorKind.TIMEOUT))
                    .hasMessageContaining("send_text got no reply within PT0.3S");
        }
    }

    @Test
    void showsTypingInTheRecipientsChat() {
        try (var sidecar = new FakeSidecar(root, READY)) {
            var transport = ready(sidecar);

            transport.typing("5215512345678");

            assertThat(sidecar.awaitCall("sendStateTyping").path("args").path(0).asText())
                    .isEqualTo("5215512345678@c.us");
        }
    }

    @Test
    void failsBeforeStart() {
        try (var transport = WhatsAppWebTransport.builder().build()) {
            assertThatThrownBy(() -> transport.send(text("out-9")))
                    .isInstanceOfSatisfying(
                            ProviderException.class, e -> assertThat(e.kind()).isEqualTo(ProviderErrorKind.UNAVAILABLE))
                    .hasMessageContaining("the whatsapp-web transport was not started");
        }
    }

    private static WhatsAppWebTransport ready(FakeSidecar sidecar) {
        var transport = sidecar.start();
        sidecar.context.nextEvent(TransportEvent.Ready.class);
        return transport;
    }

    private static OutboundMessage text(String id) {
        return new OutboundMessage(id, "5215512345678", new OutboundContent.Text("hola"));
    }
}
