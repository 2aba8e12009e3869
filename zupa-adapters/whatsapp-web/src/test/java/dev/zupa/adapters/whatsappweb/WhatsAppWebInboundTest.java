package dev.zupa.adapters.whatsappweb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zupa.core.provider.ProviderErrorKind;
import dev.zupa.core.provider.ProviderException;
import dev.zupa.core.speech.AudioClip;
import dev.zupa.core.transport.ContentType;
import dev.zupa.core.transport.InboundMessage;
import dev.zupa.core.transport.MediaRef;
import dev.zupa.core.transport.TransportEvent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Received messages: text, voice notes with their audio, senders, and what is skipped. */
@Timeout(60)
class WhatsAppWebInboundTest {
    private static final byte[] VOICE = "OggS fake opus voice note".getBytes(StandardCharsets.UTF_8);
    private static final String VOICE_BASE64 = Base64.getEncoder().encodeToString(VOICE);

    @TempDir
    Path root;

    @Test
    void deliversATextWithThePhoneNumberNameAndTimestamp() {
        try (var sidecar = new FakeSidecar(root, """
                {"runs": [{"steps": [{"emit": "ready"}, {"message": {
                  "id": "false_5215512345678@c.us_3EB0A1", "from": "5215512345678@c.us", "type": "chat",
                  "body": "hola", "timestamp": 1767225660, "notifyName": "Ana"}}]}]}
                """)) {
            sidecar.start();

            assertThat(sidecar.context.nextMessage())
                    .isEqualTo(new InboundMessage(
                            "whatsapp-web",
                            "false_5215512345678@c.us_3EB0A1",
                            "5215512345678",
                            "hola",
                            ContentType.TEXT,
                            Optional.empty(),
                            Optional.of("Ana"),
                            Instant.ofEpochSecond(1767225660)));
        }
    }

    @Test
    void deliversAVoiceNoteWhoseAudioCameAlong() {
        try (var sidecar = new FakeSidecar(root, """
                {"runs": [{"steps": [{"emit": "ready"}, {"message": {
                  "id": "false_5215512345678@c.us_VOICE1", "from": "5215512345678@c.us", "type": "ptt",
                  "hasMedia": true, "timestamp": 1767225661,
                  "media": {"mimetype": "audio/ogg; codecs=opus", "data": "%s"}}}]}]}
                """.formatted(VOICE_BASE64))) {
            var transport = sidecar.start();

            var message = sidecar.context.nextMessage();
            assertThat(message.type()).isEqualTo(ContentType.VOICE);
            assertThat(message.text()).isEmpty();
            assertThat(message.media())
                    .contains(new MediaRef("false_5215512345678@c.us_VOICE1", "audio/ogg; codecs=opus"));

            assertThat(transport.download(message.media().orElseThrow()))
                    .isEqualTo(new AudioClip(VOICE, "audio/ogg; codecs=opus"));
            assertThat(sidecar.calls("getMessageById")).isEmpty();
        }
    }

    @Test
    void datesAnAudioFileWithoutTimestampByTheClock() {
        var clock = Clock.fixed(Instant.parse("2026-03-01T10:00:00Z"), ZoneOffset.UTC);
        try (var sidecar = new FakeSidecar(root, """
                {"runs": [{"steps": [{"emit": "ready"}, {"message": {
                  "id": "false_5215512345678@c.us_AUDIO1", "from": "5215512345678@c.us", "type": "audio",
                  "hasMedia": true, "media": {"mimetype": "audio/mpeg", "data": "%s"}}}]}]}
                """.formatted(VOICE_BASE64))) {
            sidecar.start(sidecar.builder().clock(clock));

            var message = sidecar.context.nextMessage();
            assertThat(message.type()).isEqualTo(ContentType.AUDIO);
            assertThat(message.media()).contains(new MediaRef("false_5215512345678@c.us_AUDIO1", "audio/mpeg"));
            assertThat(message.receivedAt()).isEqualTo(clock.instant());
        }
    }

    @Test
    void downloadsMediaThroughTheSidecarWhenItDidNotComeAlong() {
        try (var sidecar = new FakeSidecar(root, """
                {"runs": [{"steps": [{"emit": "ready"}]}],
                 "stored": {"false_5215512345678@c.us_OLD": {"media": {"mimetype": "audio/ogg; codecs=opus",
                                                                       "data": "%s"}}}}
                """.formatted(VOICE_BASE64))) {
            var transport = sidecar.start();
            sidecar.context.nextEvent(TransportEvent.Ready.class);

            var clip = transport.download(new MediaRef("false_5215512345678@c.us_OLD", "audio/ogg"));

            assertThat(clip).isEqualTo(new AudioClip(VOICE, "audio/ogg; codecs=opus"));
            assertThat(sidecar.calls("getMessageById")).hasSize(1);
        }
    }

    @Test
    void expiredMediaIsATerminalFailureThatAsksForAResend() {
        try (var sidecar = new FakeSidecar(root, """
                {"runs": [{"steps": [{"emit": "ready"}, {"message": {
                  "id": "false_5215512345678@c.us_GONE", "from": "5215512345678@c.us", "type": "ptt",
                  "hasMedia": true}}]}]}
                """)) {
            var transport = sidecar.start();
            var message = sidecar.context.nextMessage();
            assertThat(message.media())
                    .contains(new MediaRef("false_5215512345678@c.us_GONE", "audio/ogg; codecs=opus"));

            assertThatThrownBy(() -> transport.download(message.media().orElseThrow()))
                    .isInstanceOfSatisfying(ProviderException.class, e -> {
                        assertThat(e.kind()).isEqualTo(ProviderErrorKind.BAD_REQUEST);
                        assertThat(e.code()).contains("media_unavailable");
                    })
                    .hasMessageContaining("has expired or cannot be downloaded; ask the sender to send it again");
        }
    }

    @Test
    void resolvesLidSendersToPhoneNumbersWhenWhatsAppKnowsThem() {
        try (var sidecar = new FakeSidecar(root, """
                {"runs": [{"steps": [{"emit": "ready"},
                  {"message": {"id": "false_99887766@lid_A", "from": "99887766@lid", "type": "chat", "body": "a"}},
                  {"message": {"id": "false_11223344@lid_B", "from": "11223344@lid", "type": "chat", "body": "b"}}]}],
                 "lids": {"99887766@lid": "5215512345678@c.us"}}
                """)) {
            sidecar.start();

            assertThat(sidecar.context.nextMessage().from()).isEqualTo("5215512345678");
            // Unknown: the lid stays whole, and the contact's "number" (the lid's own digits) is not taken for one.
            assertThat(sidecar.context.nextMessage().from()).isEqualTo("11223344@lid");
        }
    }

    @Test
    void skipsOwnGroupAndSystemMessagesAndMarksOthersUnsupported() {
        try (var sidecar = new FakeSidecar(root, """
                {"runs": [{"steps": [{"emit": "ready"},
                  {"message": {"id": "g", "from": "120363@g.us", "author": "5215512345678@c.us", "type": "chat",
                               "body": "group chatter"}},
                  {"message": {"id": "s", "from": "status@broadcast", "type": "chat", "body": "my status"}},
                  {"message": {"id": "m", "from": "5215512345678@c.us", "type": "chat", "fromMe": true}},
                  {"message": {"id": "e", "from": "5215512345678@c.us", "type": "e2e_notification"}},
                  {"message": {"id": "i", "from": "5215512345678@c.us", "type": "image", "hasMedia": true,
                               "body": "look at this"}},
                  {"message": {"id": "t", "from": "5215512345678@c.us", "type": "chat", "body": "hello"}}]}]}
                """)) {
            sidecar.start();

            var image = sidecar.context.nextMessage();
            assertThat(image.messageId()).isEqualTo("i");
            assertThat(image.type()).isEqualTo(ContentType.UNSUPPORTED);
            assertThat(image.text()).isEqualTo("look at this");
            assertThat(image.media()).isEmpty();
            assertThat(sidecar.context.nextMessage().messageId()).isEqualTo("t");
        }
    }

    @Test
    void ignoresMalformedAndUnknownLinesFromTheSidecar() {
        try (var sidecar = new FakeSidecar(root, """
                {"runs": [{"steps": [{"emit": "ready"},
                  {"raw": "this is not json"},
                  {"raw": "{\\"event\\": \\"qr\\"}"},
                  {"raw": "{\\"event\\": \\"from_a_newer_sidecar\\"}"},
                  {"raw": "[1, 2]"},
                  {"message": {"id": "after", "from": "5215512345678@c.us", "type": "chat", "body": "still here"}}]}]}
                """)) {
            sidecar.start();

            assertThat(sidecar.context.nextMessage().text()).isEqualTo("still here");
            assertThat(sidecar.context.pendingEvents()).containsExactly(new TransportEvent.Ready());
            assertThat(sidecar.runs()).isEqualTo(1);
        }
    }
}
