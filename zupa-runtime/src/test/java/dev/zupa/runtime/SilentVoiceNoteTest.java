package dev.zupa.runtime;

import static dev.zupa.runtime.AgentHarness.providerError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.zupa.core.message.Message;
import dev.zupa.core.provider.ProviderErrorKind;
import dev.zupa.core.transport.OutboundContent;
import dev.zupa.engine.checkpoint.LedgerEntry;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * PROVIDERS.md 6.2 item 4: a voice note transcribed to no words (silence, noise) does not start a model turn; the
 * user is asked to say it again, and the turn is recorded like any other so that a redelivery is a duplicate.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SilentVoiceNoteTest {
    private static final String SILENT = Replies.defaults().silentVoice();
    private static final String UNHEARD =
            "(the user sent a message without text, or a voice note that could not be heard)";

    @Test
    @DisplayName("a silent voice note makes no model call and is answered once with the please-repeat reply")
    void silentVoiceNoteIsAnsweredWithoutTheModel() {
        var stt = FakeSpeechToText.saying("  \n ");
        try (var h = new AgentHarness(AgentHarness::unused, b -> b.speechToText(stt))) {
            h.receiveVoice("alice", "v1");
            h.idle();

            assertThat(stt.calls).hasSize(1);
            assertThat(h.requests).isEmpty();
            assertThat(h.transport.sent()).singleElement().satisfies(m -> {
                assertThat(m.to()).isEqualTo("alice");
                assertThat(m.content()).isInstanceOf(OutboundContent.Text.class);
                assertThat(m.content().text()).isEqualTo(SILENT);
            });
            var ledger = h.ledgerTypes(h.sessionId());
            assertThat(ledger)
                    .contains("stt.call", "voice.silent", "outbound.stored", "inbound.processed", "outbound.sent")
                    .doesNotContain("model.call");
            assertThat(h.events(AgentEvent.TurnCompleted.class)).singleElement().satisfies(e -> assertThat(e.reply())
                    .isEqualTo(SILENT));
        }
    }

    @Test
    @DisplayName("a redelivery of a silent voice note is a duplicate: no second reply, no transcription")
    void redeliveredSilentVoiceNoteIsDeduplicated() {
        var stt = FakeSpeechToText.saying("");
        try (var h = new AgentHarness(AgentHarness::unused, b -> b.speechToText(stt))) {
            h.receiveVoice("alice", "v1");
            h.idle();
            h.receiveVoice("alice", "v1");
            h.idle();

            assertThat(h.transport.sentTexts()).containsExactly(SILENT);
            assertThat(h.events(AgentEvent.InboundDuplicate.class)).hasSize(1);
            assertThat(stt.calls).hasSize(1);
            assertThat(h.requests).isEmpty();
            assertThat(h.ledger(h.sessionId()).stream().filter(e -> e.type().equals("inbound.processed")))
                    .extracting(e -> e.write().key().orElseThrow())
                    .containsExactly("test/v1");
        }
    }

    @Test
    @DisplayName("the please-repeat reply is configurable, and a silent turn leaves working memory untouched")
    void silentReplyIsConfigurableAndNotRemembered() {
        var stt = FakeSpeechToText.saying("");
        try (var h = new AgentHarness(AgentHarness.echo(), b -> b.speechToText(stt)
                .replies(Replies.defaults().withSilentVoice("Say again?")))) {
            h.receiveVoice("alice", "v1");
            h.idle();
            h.transport.receiveText("alice", "m2", "hello");
            h.idle();

            assertThat(h.transport.sentTexts()).containsExactly("Say again?", "you said: hello");
            assertThat(h.requests).singleElement().satisfies(request -> assertThat(request.messages())
                    .filteredOn(m -> !(m instanceof Message.System))
                    .extracting(AgentHarness::text)
                    .containsExactly("hello"));
        }
    }

    @Test
    @DisplayName("a voice note with words still calls the model with its transcript")
    void voiceNoteWithWordsCallsTheModel() {
        var stt = FakeSpeechToText.saying(" two cheeseburgers, please ");
        try (var h = new AgentHarness(AgentHarness.echo(), b -> b.speechToText(stt))) {
            h.receiveVoice("alice", "v1");
            h.idle();

            assertThat(h.requests).singleElement().satisfies(request -> assertThat(AgentHarness.lastUserText(request))
                    .isEqualTo("two cheeseburgers, please"));
            assertThat(h.transport.sentTexts()).containsExactly("you said: two cheeseburgers, please");
            assertThat(h.ledgerTypes(h.sessionId())).doesNotContain("voice.silent");
        }
    }

    @Test
    @DisplayName("a failed transcription is not silence: the turn goes on as text and calls the model")
    void failedTranscriptionStillCallsTheModel() {
        var stt = FakeSpeechToText.failing(providerError(ProviderErrorKind.BAD_REQUEST));
        try (var h = new AgentHarness(AgentHarness.echo(), b -> b.speechToText(stt))) {
            h.receiveVoice("alice", "v1");
            h.idle();

            assertThat(h.requests).hasSize(1);
            assertThat(h.transport.sentTexts()).containsExactly("you said: " + UNHEARD);
        }
    }

    @Test
    @DisplayName("without a transcriber a voice note is not silence: the model is called as before")
    void noTranscriberStillCallsTheModel() {
        try (var h = new AgentHarness(AgentHarness.echo(), b -> {})) {
            h.receiveVoice("alice", "v1");
            h.idle();

            assertThat(h.requests).hasSize(1);
            assertThat(h.transport.sentTexts()).containsExactly("you said: " + UNHEARD);
        }
    }

    @Test
    @DisplayName("a silent voice note batched with text is answered by the model from the text")
    void silentVoiceWithTextInTheSameTurnCallsTheModel() {
        var stt = FakeSpeechToText.saying("");
        try (var h = new AgentHarness(AgentHarness.echo(), b -> b.speechToText(stt)
                .limits(Limits.builder().debounce(Duration.ofMillis(500)).build()))) {
            h.receiveVoice("alice", "v1");
            h.transport.receiveText("alice", "m2", "a milkshake");
            h.idle();

            assertThat(h.requests).singleElement().satisfies(request -> assertThat(AgentHarness.lastUserText(request))
                    .isEqualTo("a milkshake"));
            assertThat(h.transport.sentTexts()).containsExactly("you said: a milkshake");
        }
    }

    @Test
    @DisplayName("several silent voice notes in one turn get one please-repeat reply and are all processed")
    void severalSilentVoiceNotesGetOneReply() {
        var stt = FakeSpeechToText.saying("");
        try (var h = new AgentHarness(AgentHarness::unused, b -> b.speechToText(stt)
                .limits(Limits.builder().debounce(Duration.ofMillis(500)).build()))) {
            h.receiveVoice("alice", "v1");
            h.receiveVoice("alice", "v2");
            h.idle();

            assertThat(stt.calls).hasSize(2);
            assertThat(h.transport.sentTexts()).containsExactly(SILENT);
            assertThat(h.ledger(h.sessionId()).stream()
                            .filter(e -> e.type().equals("inbound.processed"))
                            .map(LedgerEntry::write))
                    .extracting(w -> w.key().orElseThrow())
                    .containsExactly("test/v1", "test/v2");
        }
    }
}
