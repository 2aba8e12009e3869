package dev.zupa.adapters.whatsappcloud;

import static dev.zupa.adapters.whatsappcloud.Fixtures.ACCESS_TOKEN;
import static dev.zupa.adapters.whatsappcloud.Fixtures.ANA;
import static dev.zupa.adapters.whatsappcloud.Fixtures.assertGraphJson;
import static dev.zupa.adapters.whatsappcloud.Fixtures.json;
import static dev.zupa.adapters.whatsappcloud.Fixtures.sent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zupa.core.provider.ProviderErrorKind;
import dev.zupa.core.provider.ProviderException;
import dev.zupa.core.speech.AudioClip;
import dev.zupa.core.transport.OutboundContent;
import dev.zupa.core.transport.OutboundMessage;
import java.nio.charset.StandardCharsets;
import java.util.List;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Outbound calls against a fake Graph API (PROVIDERS.md sections 3.5 and 3.6), each request asserted. */
@Timeout(value = 20, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class OutboundMessagesTest {
    private static final String MESSAGES = "/v25.0/106540352242922/messages";
    private static final byte[] OGG = "OggS\0fake-opus-voice-note".getBytes(StandardCharsets.ISO_8859_1);

    @StartStop
    final MockWebServer graph = new MockWebServer();

    private final RecordingTransportContext context = new RecordingTransportContext();
    private WhatsAppCloudTransport transport;

    @BeforeEach
    void start() {
        transport = Fixtures.transport(graph).build();
        transport.start(context);
    }

    @AfterEach
    void stop() {
        transport.close();
    }

    private static OutboundMessage text(String id, String to, String text) {
        return new OutboundMessage(id, to, new OutboundContent.Text(text));
    }

    @Test
    void textIsPostedWithTheBearerTokenAndTheDocumentedBody() throws Exception {
        graph.enqueue(Fixtures.jsonResponse(200, Fixtures.text("send-success.json")));

        var delivery = transport.send(text("outbox-1", ANA, "Your table for 2 is booked for 8pm."));

        assertThat(delivery.transportMessageId()).contains("wamid.OUT0002");
        var body = assertGraphJson(graph.takeRequest(), MESSAGES);
        assertThat(body)
                .isEqualTo(json("{\"messaging_product\":\"whatsapp\",\"recipient_type\":\"individual\",\"to\":\""
                        + ANA + "\",\"type\":\"text\",\"biz_opaque_callback_data\":\"outbox-1\","
                        + "\"text\":{\"preview_url\":false,\"body\":\"Your table for 2 is booked for 8pm.\"}}"));
        assertThat(graph.getRequestCount()).isEqualTo(1);
    }

    @Test
    void textLongerThan4096CharactersIsSentInPieces() throws Exception {
        graph.enqueue(sent("wamid.PART1"));
        graph.enqueue(sent("wamid.PART2"));
        String long1 = "a".repeat(3000) + " " + "b".repeat(2000);

        var delivery = transport.send(text("outbox-2", ANA, long1));

        assertThat(delivery.transportMessageId()).contains("wamid.PART2");
        assertThat(assertGraphJson(graph.takeRequest(), MESSAGES)
                        .at("/text/body")
                        .asText())
                .isEqualTo("a".repeat(3000));
        assertThat(assertGraphJson(graph.takeRequest(), MESSAGES)
                        .at("/text/body")
                        .asText())
                .isEqualTo("b".repeat(2000));
    }

    @Test
    void voiceNoteIsUploadedAsOggThenSentAsAudioFlaggedVoice() throws Exception {
        graph.enqueue(Fixtures.jsonResponse(200, "{\"id\":\"MEDIA_77\"}"));
        graph.enqueue(sent("wamid.VOICE1"));
        var clip = new AudioClip(OGG, "audio/ogg; codecs=opus");

        var delivery = transport.send(new OutboundMessage("outbox-3", ANA, new OutboundContent.Voice(clip, "Hi!")));

        assertThat(delivery.transportMessageId()).contains("wamid.VOICE1");
        var upload = graph.takeRequest();
        assertThat(upload.getMethod()).isEqualTo("POST");
        assertThat(upload.getUrl().encodedPath()).isEqualTo("/v25.0/106540352242922/media");
        assertThat(upload.getHeaders().get("Authorization")).isEqualTo("Bearer " + ACCESS_TOKEN);
        assertThat(upload.getHeaders().get("Content-Type")).startsWith("multipart/form-data; boundary=");
        String multipart = upload.getBody().string(StandardCharsets.ISO_8859_1);
        assertThat(multipart)
                .contains("Content-Disposition: form-data; name=\"messaging_product\"\r\n\r\nwhatsapp\r\n")
                .contains("Content-Disposition: form-data; name=\"type\"\r\n\r\naudio/ogg\r\n")
                .contains("Content-Disposition: form-data; name=\"file\"; filename=\"voice.ogg\"\r\n"
                        + "Content-Type: audio/ogg\r\n\r\n" + new String(OGG, StandardCharsets.ISO_8859_1) + "\r\n");
        assertThat(assertGraphJson(graph.takeRequest(), MESSAGES))
                .isEqualTo(json("{\"messaging_product\":\"whatsapp\",\"recipient_type\":\"individual\",\"to\":\""
                        + ANA + "\",\"type\":\"audio\",\"biz_opaque_callback_data\":\"outbox-3\","
                        + "\"audio\":{\"id\":\"MEDIA_77\",\"voice\":true}}"));
    }

    @Test
    void mp3ReplyIsSentAsAudioWithoutTheVoiceFlag() throws Exception {
        graph.enqueue(Fixtures.jsonResponse(200, "{\"id\":\"MEDIA_78\"}"));
        graph.enqueue(sent("wamid.AUDIO1"));
        var clip = new AudioClip(new byte[] {(byte) 0xFF, (byte) 0xFB, 0x10}, "audio/mpeg");

        transport.send(new OutboundMessage("outbox-4", ANA, new OutboundContent.Voice(clip, "Hi!")));

        assertThat(graph.takeRequest().getBody().string(StandardCharsets.ISO_8859_1))
                .contains("filename=\"audio.mp3\"\r\nContent-Type: audio/mpeg");
        assertThat(assertGraphJson(graph.takeRequest(), MESSAGES).get("audio"))
                .isEqualTo(json("{\"id\":\"MEDIA_78\"}"));
    }

    @Test
    void voiceInATypeWhatsAppDoesNotTakeIsSentAsItsText() throws Exception {
        graph.enqueue(sent("wamid.TEXT1"));
        var wav = new AudioClip("RIFF....WAVE".getBytes(StandardCharsets.US_ASCII), "audio/wav");

        var delivery = transport.send(
                new OutboundMessage("outbox-5", ANA, new OutboundContent.Voice(wav, "We open at nine.")));

        assertThat(delivery.transportMessageId()).contains("wamid.TEXT1");
        assertThat(assertGraphJson(graph.takeRequest(), MESSAGES)
                        .at("/text/body")
                        .asText())
                .isEqualTo("We open at nine.");
        assertThat(graph.getRequestCount()).isEqualTo(1);
    }

    @Test
    void voiceInATypeWhatsAppDoesNotTakeWithoutTextIsABadRequest() {
        var wav = new AudioClip("RIFF....WAVE".getBytes(StandardCharsets.US_ASCII), "audio/wav");

        assertThatThrownBy(
                        () -> transport.send(new OutboundMessage("outbox-6", ANA, new OutboundContent.Voice(wav, " "))))
                .isInstanceOfSatisfying(
                        ProviderException.class, e -> assertThat(e.kind()).isEqualTo(ProviderErrorKind.BAD_REQUEST))
                .hasMessageContaining("audio of type audio/wav, which WhatsApp does not take");
        assertThat(graph.getRequestCount()).isZero();
    }

    @Test
    void templateWithTextParameters() throws Exception {
        graph.enqueue(sent("wamid.TPL1"));

        var delivery = transport.sendTemplate(
                ANA,
                "booking_reminder",
                "es_MX",
                List.of(TemplateComponent.header("Zupa"), TemplateComponent.body("Ana", "8 pm")));

        assertThat(delivery.transportMessageId()).contains("wamid.TPL1");
        assertThat(assertGraphJson(graph.takeRequest(), MESSAGES))
                .isEqualTo(json("{\"messaging_product\":\"whatsapp\",\"recipient_type\":\"individual\",\"to\":\""
                        + ANA + "\",\"type\":\"template\",\"template\":{\"name\":\"booking_reminder\","
                        + "\"language\":{\"code\":\"es_MX\"},\"components\":["
                        + "{\"type\":\"header\",\"parameters\":[{\"type\":\"text\",\"text\":\"Zupa\"}]},"
                        + "{\"type\":\"body\",\"parameters\":[{\"type\":\"text\",\"text\":\"Ana\"},"
                        + "{\"type\":\"text\",\"text\":\"8 pm\"}]}]}}"));
    }

    @Test
    void templateWithoutComponentsOmitsThem() throws Exception {
        graph.enqueue(sent("wamid.TPL2"));

        transport.sendTemplate(ANA, "hello_world", "en_US", List.of());

        assertThat(assertGraphJson(graph.takeRequest(), MESSAGES).get("template"))
                .isEqualTo(json("{\"name\":\"hello_world\",\"language\":{\"code\":\"en_US\"}}"));
    }

    @Test
    void templateWithRawJsonComponents() throws Exception {
        graph.enqueue(sent("wamid.TPL3"));
        String buttons = "[{\"type\":\"button\",\"sub_type\":\"quick_reply\",\"index\":\"0\","
                + "\"parameters\":[{\"type\":\"payload\",\"payload\":\"rebook\"}]}]";

        transport.sendTemplate(ANA, "rebook_offer", "en_US", buttons);

        assertThat(assertGraphJson(graph.takeRequest(), MESSAGES).at("/template/components"))
                .isEqualTo(json(buttons));
        assertThatThrownBy(() -> transport.sendTemplate(ANA, "x", "en_US", "{\"type\":\"body\"}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("componentsJson must be a JSON array of components");
        assertThatThrownBy(() -> transport.sendTemplate(ANA, "x", "en_US", "[{"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("componentsJson is not valid JSON");
        assertThatThrownBy(() -> transport.sendTemplate(" ", "x", "en_US", List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("to must not be blank");
    }

    @Test
    void typingMarksTheSendersLatestMessageReadWithATypingIndicator() throws Exception {
        Fixtures.post(transport, Fixtures.textWebhook("wamid.IN1", "first", 1767225600));
        Fixtures.post(transport, Fixtures.textWebhook("wamid.IN2", "second", 1767225601));
        graph.enqueue(Fixtures.jsonResponse(200, "{\"success\":true}"));

        transport.typing(ANA);

        assertThat(assertGraphJson(graph.takeRequest(), MESSAGES))
                .isEqualTo(json("{\"messaging_product\":\"whatsapp\",\"status\":\"read\",\"message_id\":\"wamid.IN2\","
                        + "\"typing_indicator\":{\"type\":\"text\"}}"));
    }

    @Test
    void typingWithoutAKnownInboundMessageSendsNothing() {
        transport.typing("4915112345678");

        assertThat(graph.getRequestCount()).isZero();
    }

    @Test
    void typingFailureIsSwallowed() {
        Fixtures.post(transport, Fixtures.textWebhook("wamid.IN3", "hi", 1767225600));
        graph.enqueue(Fixtures.jsonResponse(
                400, "{\"error\":{\"message\":\"(#131009) Parameter value is not valid\",\"code\":131009}}"));

        transport.typing(ANA);

        assertThat(graph.getRequestCount()).isEqualTo(1);
    }

    @Test
    void businessScopedUserIdIsSentAsRecipient() throws Exception {
        graph.enqueue(sent("wamid.BS1"));

        transport.send(text("outbox-7", "US.13491208655302741918", "hello"));

        var body = assertGraphJson(graph.takeRequest(), MESSAGES);
        assertThat(body.get("recipient").asText()).isEqualTo("US.13491208655302741918");
        assertThat(body.has("to")).isFalse();
    }

    @Test
    void apiVersionAndBaseUrlAreConfigurable() throws Exception {
        graph.enqueue(sent("wamid.V1"));
        try (var v23 = Fixtures.transport(graph)
                .graphBaseUrl(graph.url("/proxy/").toString())
                .apiVersion("v23.0")
                .build()) {
            v23.send(text("outbox-8", ANA, "hi"));
        }

        assertGraphJson(graph.takeRequest(), "/proxy/v23.0/106540352242922/messages");
    }

    @Test
    void sendAfterCloseIsUnavailable() {
        transport.close();

        assertThatThrownBy(() -> transport.send(text("outbox-9", ANA, "hi")))
                .isInstanceOfSatisfying(
                        ProviderException.class, e -> assertThat(e.kind()).isEqualTo(ProviderErrorKind.UNAVAILABLE));
        assertThat(graph.getRequestCount()).isZero();
    }
}
