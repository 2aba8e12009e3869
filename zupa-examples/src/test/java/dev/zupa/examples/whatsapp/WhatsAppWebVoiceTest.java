package dev.zupa.examples.whatsapp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zupa.core.conversation.Modality;
import dev.zupa.core.speech.AudioClip;
import dev.zupa.examples.burgers.BurgerScript;
import dev.zupa.examples.burgers.BurgerShop;
import dev.zupa.examples.offline.FakeAudio;
import dev.zupa.runtime.Agent;
import dev.zupa.runtime.AgentEvent;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A voice note through whatsapp-web.js end to end: the real Node sidecar on the scripted stand-in delivers a
 * {@code ptt} message with its audio, the fake speech-to-text hears it, the burger shop's script answers, and the
 * reply goes back to the stand-in's {@code sendMessage} as Ogg Opus with {@code sendAudioAsVoice}.
 */
@Timeout(60)
class WhatsAppWebVoiceTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String VOICE_NOTE_ID = "false_5215512345678@c.us_3EB0VOICE1";
    private static final String ADDED = "Added 2 x Classic Burger. Your order: 2 x Classic Burger; total $13.00.";

    @TempDir
    Path dir;

    private final BlockingQueue<AgentEvent.OutboundSent> delivered = new LinkedBlockingQueue<>();
    private Agent agent;

    @AfterEach
    void close() {
        if (agent != null) {
            agent.close();
        }
    }

    @Test
    void answersAVoiceNoteWithAnOpusVoiceNote() throws Exception {
        var speech = RecordingTextToSpeech.working();
        var sidecar = voiceNoteFromAna();

        start(sidecar, speech);

        assertThat(awaitDelivery().modality()).isEqualTo(Modality.VOICE);
        var clip = speech.clips().getFirst();
        assertThat(clip.mimeType()).isEqualTo("audio/ogg; codecs=opus");
        assertThat(FakeAudio.wordsIn(clip))
                .hasValueSatisfying(words -> assertThat(words).startsWith(ADDED));
        // [chat id, MessageMedia, options]: the clip as it was spoken, flagged to show as a voice note
        assertThat(sidecar.sends()).singleElement().satisfies(send -> {
            assertThat(send.path(0).asText()).isEqualTo(StandInSidecar.ANA_CHAT);
            assertThat(send.path(1).path("mimetype").asText()).isEqualTo("audio/ogg; codecs=opus");
            assertThat(Base64.getDecoder().decode(send.path(1).path("data").asText()))
                    .isEqualTo(clip.data());
            assertThat(send.path(2).path("sendAudioAsVoice").asBoolean()).isTrue();
        });
    }

    @Test
    void aFailingTextToSpeechSendsTheSameReplyAsText() throws Exception {
        var speech = RecordingTextToSpeech.failing();
        var sidecar = voiceNoteFromAna();

        start(sidecar, speech);

        assertThat(awaitDelivery().modality()).isEqualTo(Modality.TEXT);
        var reply = speech.requests().getFirst().text();
        assertThat(reply).startsWith(ADDED);
        assertThat(sidecar.sends()).singleElement().satisfies(send -> {
            assertThat(send.path(0).asText()).isEqualTo(StandInSidecar.ANA_CHAT);
            assertThat(send.path(1).isTextual()).as("sent as text: %s", send).isTrue();
            assertThat(send.path(1).asText()).isEqualTo(reply);
        });
    }

    private StandInSidecar voiceNoteFromAna() {
        AudioClip note = FakeAudio.of("I want 2 classic burgers please");
        return new StandInSidecar(dir.resolve("wwebjs")).emit("ready").voiceNote(VOICE_NOTE_ID, note);
    }

    private void start(StandInSidecar sidecar, RecordingTextToSpeech speech) {
        agent = BurgerShop.builder(sidecar.builder().build(), BurgerScript.model(), dir.resolve("shop.db"))
                .textToSpeech(speech)
                .listener(event -> {
                    if (event instanceof AgentEvent.OutboundSent sent) {
                        delivered.add(sent);
                    }
                })
                .build();
        agent.start();
    }

    private AgentEvent.OutboundSent awaitDelivery() throws InterruptedException {
        var sent = delivered.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(sent).as("a reply delivered").isNotNull();
        return sent;
    }
}
