package dev.zupa.examples.whatsapp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zupa.adapters.whatsappcloud.WhatsAppCloudTransport;
import dev.zupa.core.conversation.Modality;
import dev.zupa.examples.burgers.BurgerScript;
import dev.zupa.examples.burgers.BurgerShop;
import dev.zupa.examples.offline.FakeAudio;
import dev.zupa.runtime.Agent;
import dev.zupa.runtime.AgentEvent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A voice note through the Cloud API end to end: Meta posts a signed webhook over real HTTP to the transport's
 * standalone listener, the runtime downloads the audio from the Graph API (MockWebServer), the fake speech-to-text
 * hears it, the burger shop's script answers, and the reply is spoken, uploaded and sent as a voice note.
 */
@Timeout(60)
class WhatsAppCloudVoiceTest {
    private static final String ORDER = "I want 2 classic burgers please";
    private static final String ADDED = "Added 2 x Classic Burger. Your order: 2 x Classic Burger; total $13.00.";

    @TempDir
    Path dir;

    private final FakeGraphApi graph = FakeGraphApi.start();
    private final BlockingQueue<AgentEvent.OutboundSent> delivered = new LinkedBlockingQueue<>();
    private WhatsAppCloudTransport transport;
    private Agent agent;

    @AfterEach
    void close() {
        if (agent != null) {
            agent.close();
        }
        graph.close();
    }

    @Test
    void answersAVoiceNoteWithAnOpusVoiceNote() throws Exception {
        var speech = RecordingTextToSpeech.working();
        start(speech);
        graph.media("MEDIA_IN_1", FakeAudio.of(ORDER));

        var answer = CloudFixtures.post(port(), CloudFixtures.voiceWebhook("wamid.VOICE1", "MEDIA_IN_1"));

        assertThat(answer.statusCode()).isEqualTo(200);
        var upload = graph.awaitUpload();
        var send = graph.awaitSend();
        assertThat(awaitDelivery().modality()).isEqualTo(Modality.VOICE);
        // what the text-to-speech spoke: the script's answer to the transcript, as Ogg Opus
        var clip = speech.clips().getFirst();
        assertThat(clip.mimeType()).isEqualTo("audio/ogg; codecs=opus");
        assertThat(FakeAudio.wordsIn(clip))
                .hasValueSatisfying(words -> assertThat(words).startsWith(ADDED));
        // the clip is uploaded as it was spoken; Meta takes Ogg Opus as audio/ogg and shows it as a voice note
        assertThat(upload.getMethod()).isEqualTo("POST");
        assertThat(upload.getHeaders().get("Content-Type")).startsWith("multipart/form-data");
        assertThat(upload.getBody()).isNotNull();
        assertThat(upload.getBody().string(StandardCharsets.ISO_8859_1))
                .contains("name=\"type\"\r\n\r\naudio/ogg\r\n")
                .contains("filename=\"voice.ogg\"\r\nContent-Type: audio/ogg\r\n\r\n"
                        + new String(clip.data(), StandardCharsets.ISO_8859_1) + "\r\n");
        assertThat(send.path("to").asText()).isEqualTo(CloudFixtures.ANA);
        assertThat(send.path("type").asText()).isEqualTo("audio");
        assertThat(send.path("audio").path("id").asText()).isEqualTo("MEDIA_1");
        assertThat(send.path("audio").path("voice").asBoolean()).isTrue();
        assertThat(graph.sendCount()).isEqualTo(1);
    }

    @Test
    void aFailingTextToSpeechSendsTheSameReplyAsText() throws Exception {
        var speech = RecordingTextToSpeech.failing();
        start(speech);
        graph.media("MEDIA_IN_2", FakeAudio.of(ORDER));

        var answer = CloudFixtures.post(port(), CloudFixtures.voiceWebhook("wamid.VOICE2", "MEDIA_IN_2"));

        assertThat(answer.statusCode()).isEqualTo(200);
        var send = graph.awaitSend();
        assertThat(awaitDelivery().modality()).isEqualTo(Modality.TEXT);
        assertThat(speech.requests()).isNotEmpty().allSatisfy(request -> assertThat(request.text())
                .startsWith(ADDED));
        assertThat(send.path("type").asText()).isEqualTo("text");
        assertThat(send.path("text").path("body").asText())
                .isEqualTo(speech.requests().getFirst().text());
        assertThat(graph.sendCount()).isEqualTo(1);
    }

    private void start(RecordingTextToSpeech speech) {
        transport = CloudFixtures.transport(graph.url()).build();
        agent = BurgerShop.builder(transport, BurgerScript.model(), dir.resolve("shop.db"))
                .textToSpeech(speech)
                .listener(event -> {
                    if (event instanceof AgentEvent.OutboundSent sent) {
                        delivered.add(sent);
                    }
                })
                .build();
        agent.start();
    }

    private int port() {
        return transport.listenerAddress().orElseThrow().getPort();
    }

    private AgentEvent.OutboundSent awaitDelivery() throws InterruptedException {
        var sent = delivered.poll(FakeGraphApi.WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(sent).as("a reply delivered").isNotNull();
        return sent;
    }
}
