package dev.zupa.adapters.whatsappweb.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zupa.core.speech.AudioClip;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SidecarCodecTest {
    @Test
    void decodesTheMessageProposedInProvidersMd() {
        var line = """
                {"event":"message","session":"tenant-42","message":{"id":"false_5215512345678@c.us_3EB0A1B2C3",\
                "from":"5215512345678@c.us","to":"5215599999999@c.us","author":null,"type":"ptt","body":"",\
                "timestamp":1767225660,"hasMedia":true,"fromMe":false,\
                "media":{"mimetype":"audio/ogg; codecs=opus","filename":null,"filesize":4,"data":"T2dnUw=="}}}""";

        var event = SidecarCodec.decode(line).orElseThrow();

        assertThat(event).isInstanceOfSatisfying(SidecarEvent.Message.class, message -> assertThat(message.message())
                .isEqualTo(new WebMessage(
                        "false_5215512345678@c.us_3EB0A1B2C3",
                        "5215512345678@c.us",
                        Optional.empty(),
                        Optional.empty(),
                        "ptt",
                        "",
                        1767225660,
                        true,
                        false,
                        Optional.empty(),
                        Optional.of(
                                new AudioClip("OggS".getBytes(StandardCharsets.US_ASCII), "audio/ogg; codecs=opus")),
                        Optional.empty())));
    }

    @Test
    void decodesRepliesAndConnectionEvents() {
        assertThat(SidecarCodec.decode("{\"event\":\"reply\",\"id\":\"7\",\"ok\":false,\"code\":\"not_ready\","
                        + "\"error\":\"WhatsApp Web is not ready\"}"))
                .get()
                .isInstanceOfSatisfying(SidecarEvent.Reply.class, reply -> {
                    assertThat(reply.ok()).isFalse();
                    assertThat(reply.code()).isEqualTo("not_ready");
                    assertThat(reply.result().isEmpty()).isTrue();
                });
        assertThat(SidecarCodec.decode("{\"event\":\"disconnected\",\"reason\":\"UNPAIRED\"}"))
                .contains(new SidecarEvent.Disconnected("UNPAIRED"));
        assertThat(SidecarCodec.decode("{\"event\":\"loading_screen\",\"percent\":40}"))
                .isEmpty();
    }

    @Test
    void rejectsMalformedLines() {
        assertThatThrownBy(() -> SidecarCodec.decode("Error: puppeteer crashed"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("not JSON");
        assertThatThrownBy(() -> SidecarCodec.decode("{\"event\":\"qr\"} trailing"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SidecarCodec.decode("{\"event\":\"message\",\"message\":{\"id\":\"x\"}}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("missing or empty 'from'");
    }

    @Test
    void decodesAMessageAck() {
        assertThat(SidecarCodec.decode("{\"event\":\"message_ack\",\"id\":\"true_5215512345678@c.us_3EB0A1\","
                        + "\"to\":\"5215512345678@c.us\",\"ack\":-1}"))
                .contains(new SidecarEvent.MessageAck(
                        "true_5215512345678@c.us_3EB0A1",
                        Optional.of("5215512345678@c.us"),
                        SidecarEvent.MessageAck.ERROR));
        assertThat(SidecarCodec.decode("{\"event\":\"message_ack\",\"id\":\"true_x@lid_B\",\"to\":null,\"ack\":9}"))
                .contains(new SidecarEvent.MessageAck("true_x@lid_B", Optional.empty(), 9));
    }

    @Test
    void rejectsAMessageAckWithoutAnIdOrAWholeAck() {
        assertThatThrownBy(() -> SidecarCodec.decode("{\"event\":\"message_ack\",\"ack\":2}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("missing or empty 'id'");
        for (var ack : new String[] {"", ",\"ack\":null", ",\"ack\":\"2\"", ",\"ack\":2.5", ",\"ack\":4294967296"}) {
            assertThatThrownBy(() -> SidecarCodec.decode("{\"event\":\"message_ack\",\"id\":\"x\"" + ack + "}"))
                    .as(ack)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("a message_ack event needs an integer 'ack'");
        }
    }

    @Test
    void encodesAVoiceNoteAsBase64() throws Exception {
        var line = SidecarCodec.encode(
                "3",
                new SidecarCommand.SendVoice(
                        "5215512345678@c.us", new AudioClip(new byte[] {1, 2, 3}, "audio/ogg; codecs=opus"), true));

        assertThat(new ObjectMapper().readTree(line))
                .isEqualTo(new ObjectMapper()
                        .readTree("{\"id\":\"3\",\"cmd\":\"send_voice\",\"to\":\"5215512345678@c.us\","
                                + "\"mimetype\":\"audio/ogg; codecs=opus\",\"data\":\"AQID\",\"filename\":\"voice.ogg\","
                                + "\"voice\":true}"));
    }
}
