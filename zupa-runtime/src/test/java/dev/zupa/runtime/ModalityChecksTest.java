package dev.zupa.runtime;

import static dev.zupa.runtime.AgentHarness.providerError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.zupa.adapters.scripted.Rule;
import dev.zupa.adapters.scripted.ScriptedChatModel;
import dev.zupa.core.conversation.Modality;
import dev.zupa.core.provider.ProviderErrorKind;
import dev.zupa.core.transport.OutboundContent;
import dev.zupa.runtime.reply.StructuredReply;
import dev.zupa.runtime.resilience.ProviderRole;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ModalityChecksTest {
    private static final String UNHEARD =
            "(the user sent a message without text, or a voice note that could not be heard)";

    record Answer(String reply, Optional<Modality> modality) implements StructuredReply {}

    private static OutboundContent lastContent(AgentHarness h) {
        var sent = h.transport.sent();
        assertThat(sent).isNotEmpty();
        return sent.get(sent.size() - 1).content();
    }

    private static OutboundContent sendText(AgentHarness h, String id, String text) {
        int before = h.transport.sent().size();
        h.transport.receiveText("alice", id, text);
        h.idle();
        assertThat(h.transport.sent()).hasSize(before + 1);
        return lastContent(h);
    }

    private static OutboundContent sendVoice(AgentHarness h, String id) {
        int before = h.transport.sent().size();
        h.receiveVoice("alice", id);
        h.idle();
        assertThat(h.transport.sent()).hasSize(before + 1);
        return lastContent(h);
    }

    @Test
    @DisplayName(
            "check 40: a voice note is transcribed with the agent's language hint and answered from the transcript")
    void check40VoiceIsTranscribedWithLanguageHint() {
        var stt = FakeSpeechToText.saying("olá, tudo bem?");
        try (var h =
                new AgentHarness(AgentHarness.echo(), b -> b.speechToText(stt).language("pt"))) {
            h.receiveVoice("alice", "v1");
            h.idle();

            assertThat(stt.calls).singleElement().satisfies(call -> {
                assertThat(call.language()).contains(Locale.forLanguageTag("pt"));
                assertThat(call.audio()).isEqualTo(AgentHarness.voiceNote());
            });
            assertThat(AgentHarness.lastUserText(h.requests.get(0))).isEqualTo("olá, tudo bem?");
            assertThat(h.transport.sentTexts()).containsExactly("you said: olá, tudo bem?");
        }
    }

    @Test
    @DisplayName("check 40: with language auto, no hint is given")
    void check40AutoLanguageGivesNoHint() {
        var stt = FakeSpeechToText.saying("hello");
        try (var h =
                new AgentHarness(AgentHarness.echo(), b -> b.speechToText(stt).language("auto"))) {
            h.receiveVoice("alice", "v1");
            h.idle();

            assertThat(stt.calls).singleElement().satisfies(call -> assertThat(call.language())
                    .isEmpty());
        }
    }

    @Test
    @DisplayName("check 40: when transcription fails the turn goes on as text and still replies")
    void check40TranscriptionFailureFallsBackToText() {
        var stt = FakeSpeechToText.failing(providerError(ProviderErrorKind.BAD_REQUEST));
        var tts = FakeTextToSpeech.speaking();
        try (var h =
                new AgentHarness(AgentHarness.echo(), b -> b.speechToText(stt).textToSpeech(tts))) {
            var content = sendVoice(h, "v1");

            assertThat(stt.calls).hasSize(1);
            assertThat(AgentHarness.lastUserText(h.requests.get(0))).isEqualTo(UNHEARD);
            assertThat(content).isInstanceOf(OutboundContent.Text.class);
            assertThat(content.text()).isEqualTo("you said: " + UNHEARD);
        }
    }

    @Test
    @DisplayName("check 40: when the download fails the turn goes on as text and still replies")
    void check40DownloadFailureFallsBackToText() {
        var stt = FakeSpeechToText.saying("never heard");
        try (var h = new AgentHarness(AgentHarness.echo(), b -> b.speechToText(stt))) {
            h.transport.failNextDownloads(1, providerError(ProviderErrorKind.BAD_REQUEST));
            var content = sendVoice(h, "v1");

            assertThat(stt.calls).isEmpty();
            assertThat(content).isInstanceOf(OutboundContent.Text.class);
            assertThat(content.text()).isEqualTo("you said: " + UNHEARD);
        }
    }

    @Test
    @DisplayName("check 26: a transcription past its timeout is interrupted and the turn goes on as text")
    void check26SpeechToTextTimeout() {
        var stt = FakeSpeechToText.hanging();
        var policy = AgentHarness.policy(ProviderRole.SPEECH_TO_TEXT)
                .timeout(Duration.ofMillis(200))
                .build();
        try (var h = new AgentHarness(
                AgentHarness.echo(), b -> b.speechToText(stt).callPolicy(ProviderRole.SPEECH_TO_TEXT, policy))) {
            var content = sendVoice(h, "v1");

            stt.hang.assertCancelled();
            assertThat(content).isInstanceOf(OutboundContent.Text.class);
            assertThat(content.text()).isEqualTo("you said: " + UNHEARD);
        }
    }

    @Test
    @DisplayName("check 41: by default text in gives text out, and voice in gives a voice note with the TTS mime type")
    void check41DefaultMirrorsTheInput() {
        var stt = FakeSpeechToText.saying("hello by voice");
        var tts = FakeTextToSpeech.speaking("audio/mpeg");
        try (var h = new AgentHarness(
                AgentHarness.echo(), b -> b.speechToText(stt).textToSpeech(tts).voice("alloy"))) {
            var text = sendText(h, "m1", "hello");
            assertThat(text).isEqualTo(new OutboundContent.Text("you said: hello"));
            assertThat(tts.requests).isEmpty();

            var voice = sendVoice(h, "v1");
            assertThat(voice).isInstanceOf(OutboundContent.Voice.class);
            var note = (OutboundContent.Voice) voice;
            assertThat(note.text()).isEqualTo("you said: hello by voice");
            assertThat(note.audio()).isEqualTo(FakeTextToSpeech.audioOf("you said: hello by voice", "audio/mpeg"));
            assertThat(note.audio().mimeType()).isEqualTo("audio/mpeg");
            assertThat(tts.requests).singleElement().satisfies(request -> {
                assertThat(request.text()).isEqualTo("you said: hello by voice");
                assertThat(request.voice()).contains("alloy");
                assertThat(request.language()).contains(Locale.forLanguageTag("en"));
            });
            assertThat(h.events(AgentEvent.OutboundSent.class))
                    .extracting(AgentEvent.OutboundSent::modality)
                    .containsExactly(Modality.TEXT, Modality.VOICE);
        }
    }

    @Test
    @DisplayName("check 42: the user's text or voice preference beats mirroring")
    void check42UserPreferenceBeatsMirror() {
        var stt = FakeSpeechToText.saying("hello");
        try (var h = new AgentHarness(
                AgentHarness.echo(), b -> b.speechToText(stt).textToSpeech(FakeTextToSpeech.speaking()))) {
            sendText(h, "c1", "/text");
            assertThat(sendVoice(h, "v1")).isInstanceOf(OutboundContent.Text.class);

            sendText(h, "c2", "/voice");
            assertThat(sendText(h, "m1", "hi")).isInstanceOf(OutboundContent.Voice.class);
        }
    }

    @Test
    @DisplayName("check 42: the agent's modality beats the user's preference")
    void check42AgentModalityBeatsPreference() {
        try (var h = new AgentHarness(
                AgentHarness.echo(), b -> b.modality(AgentModality.TEXT).textToSpeech(FakeTextToSpeech.speaking()))) {
            sendText(h, "c1", "/voice");
            assertThat(sendText(h, "m1", "hi")).isInstanceOf(OutboundContent.Text.class);
        }
        try (var h = new AgentHarness(
                AgentHarness.echo(), b -> b.modality(AgentModality.VOICE).textToSpeech(FakeTextToSpeech.speaking()))) {
            sendText(h, "c1", "/text");
            assertThat(sendText(h, "m1", "hi")).isInstanceOf(OutboundContent.Voice.class);
        }
    }

    @Test
    @DisplayName("check 43: dynamic: the model's choice, then the extractor, then keywords, then mirroring")
    void check43DynamicDecisionOrder() {
        var model = ScriptedChatModel.builder()
                .rule(Rule.userSays("alpha").replyJson("{\"reply\": \"hi\", \"modality\": \"VOICE\"}"))
                .rule(Rule.userSays("bravo").replyJson("{\"reply\": \"hi\", \"modality\": \"TEXT\"}"))
                .rule(Rule.always().replyJson("{\"reply\": \"hi\", \"modality\": null}"))
                .build();
        var stt = FakeSpeechToText.saying("just chatting");
        try (var h = new AgentHarness(model, b -> b.replyType(Answer.class)
                .speechToText(stt)
                .textToSpeech(FakeTextToSpeech.speaking())
                .modalityExtractor((userText, reply) -> userText.contains("charlie")
                        ? Optional.of(Modality.VOICE)
                        : userText.contains("delta") ? Optional.of(Modality.TEXT) : Optional.empty()))) {
            sendText(h, "c1", "/dynamic");

            // the model's structured choice beats the extractor and the keywords
            assertThat(sendText(h, "m1", "alpha delta, write it down")).isInstanceOf(OutboundContent.Voice.class);
            assertThat(sendText(h, "m2", "bravo charlie, send me audio")).isInstanceOf(OutboundContent.Text.class);
            // then the extractor beats the keywords
            assertThat(sendText(h, "m3", "charlie, write it down")).isInstanceOf(OutboundContent.Voice.class);
            assertThat(sendText(h, "m4", "delta, send me audio")).isInstanceOf(OutboundContent.Text.class);
            // then the keywords
            assertThat(sendText(h, "m5", "send me audio")).isInstanceOf(OutboundContent.Voice.class);
            assertThat(sendText(h, "m6", "send me a text")).isInstanceOf(OutboundContent.Text.class);
            // then the mirror
            assertThat(sendText(h, "m7", "just chatting")).isInstanceOf(OutboundContent.Text.class);
            assertThat(sendVoice(h, "v1")).isInstanceOf(OutboundContent.Voice.class);
            assertThat(h.transport.sentTexts().subList(1, 9)).containsOnly("hi");
        }
    }

    @Test
    @DisplayName("check 44: a TTS failure falls back to a text reply of the same content")
    void check44TtsFailureFallsBackToText() {
        var tts = FakeTextToSpeech.failing(providerError(ProviderErrorKind.BAD_REQUEST));
        try (var h = new AgentHarness(AgentHarness.echo(), b -> b.textToSpeech(tts))) {
            sendText(h, "c1", "/voice");
            var content = sendText(h, "m1", "hello");

            assertThat(tts.requests).hasSize(1);
            assertThat(content).isEqualTo(new OutboundContent.Text("you said: hello"));
            assertThat(h.events(AgentEvent.OutboundSent.class))
                    .extracting(AgentEvent.OutboundSent::modality)
                    .containsOnly(Modality.TEXT);
            assertThat(h.events(AgentEvent.TurnFailed.class)).isEmpty();
        }
    }

    @Test
    @DisplayName("check 26/44: a TTS call past its timeout is interrupted and the reply goes as text")
    void check26TextToSpeechTimeoutFallsBackToText() {
        var tts = FakeTextToSpeech.hanging();
        var policy = AgentHarness.policy(ProviderRole.TEXT_TO_SPEECH)
                .timeout(Duration.ofMillis(200))
                .build();
        try (var h = new AgentHarness(
                AgentHarness.echo(), b -> b.textToSpeech(tts).callPolicy(ProviderRole.TEXT_TO_SPEECH, policy))) {
            sendText(h, "c1", "/voice");
            var content = sendText(h, "m1", "hello");

            tts.hang.assertCancelled();
            assertThat(content).isEqualTo(new OutboundContent.Text("you said: hello"));
        }
    }

    @Test
    @DisplayName("check 44: a failed voice send falls back to a text reply of the same content")
    void check44VoiceSendFailureFallsBackToText() {
        try (var h = new AgentHarness(AgentHarness.echo(), b -> b.textToSpeech(FakeTextToSpeech.speaking()))) {
            h.transport.failSendsWhen(
                    m -> m.content() instanceof OutboundContent.Voice, providerError(ProviderErrorKind.BAD_REQUEST));
            sendText(h, "c1", "/voice");
            int attemptsBefore = h.transport.sendAttempts();
            var content = sendText(h, "m1", "hello");

            assertThat(h.transport.sendAttempts()).isGreaterThan(attemptsBefore + 1);
            assertThat(content).isEqualTo(new OutboundContent.Text("you said: hello"));
            assertThat(h.transport.sent()).noneMatch(m -> m.content() instanceof OutboundContent.Voice);
        }
    }

    @Test
    @DisplayName("check 44: without a TTS provider a voice preference is answered in text")
    void check44NoTtsProviderAnswersInText() {
        try (var h = new AgentHarness(AgentHarness.echo(), b -> {})) {
            sendText(h, "c1", "/voice");
            assertThat(sendText(h, "m1", "hello")).isEqualTo(new OutboundContent.Text("you said: hello"));
        }
    }
}
