package dev.zupa.runtime.internal;

import dev.zupa.core.conversation.Modality;
import dev.zupa.core.transport.InboundMessage;
import dev.zupa.engine.Node;
import dev.zupa.engine.NodeContext;
import dev.zupa.runtime.resilience.ProviderRole;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resolves what the user said: text as it is, voice notes and audio transcribed with the agent's language hint. A
 * failed download or transcription leaves the message's own text (usually empty) and the turn goes on as text. When
 * every message of the turn is a voice note transcribed to no words (silence, noise) and nothing was written, the
 * model is not called: the turn ends with the agent's silent-voice reply, asking the user to say it again.
 */
final class ContentNode implements Node {
    private static final Logger log = LoggerFactory.getLogger(ContentNode.class);

    private final TurnServices services;

    ContentNode(TurnServices services) {
        this.services = services;
    }

    record SilenceRecord(List<String> messageIds) {}

    @Override
    public void run(NodeContext ctx) {
        var turn = TurnServices.turn(ctx);
        var parts = new ArrayList<String>();
        var modality = Modality.TEXT;
        // only a transcription that worked and heard nothing counts: a failed one goes on as text, as before
        boolean allSilent = true;
        for (var message : turn.messages()) {
            var transcript = message.type().isAudio() ? transcribe(ctx, message) : Optional.<String>empty();
            allSilent &= transcript.isPresent() && transcript.get().isEmpty();
            if (transcript.isPresent() && !transcript.get().isEmpty()) {
                modality = Modality.VOICE;
                parts.add(transcript.get());
            } else if (!message.text().isBlank()) {
                parts.add(message.text().strip());
            }
        }
        if (allSilent && parts.isEmpty()) {
            ctx.record(
                    "voice.silent",
                    new SilenceRecord(
                            turn.messages().stream().map(m -> m.messageId()).toList()));
            ctx.write(TurnChannels.USER_TEXT, "");
            ctx.write(TurnChannels.INPUT_MODALITY, Modality.VOICE);
            ctx.write(
                    TurnChannels.REPLY,
                    ReplyDraft.ofSilence(services.settings.replies().silentVoice()));
            ctx.goTo(TurnGraph.FINALIZE);
            return;
        }
        ctx.write(TurnChannels.USER_TEXT, String.join("\n", parts));
        ctx.write(TurnChannels.INPUT_MODALITY, modality);
        ctx.goTo(TurnGraph.CONTEXT);
    }

    record TranscriptionRecord(String messageId, boolean ok, long millis, String detail) {}

    /**
     * The message's transcript, stripped: empty when nothing could be transcribed (no media, no provider, a failed
     * download or transcription), an empty string when the transcription worked and heard no words.
     */
    private Optional<String> transcribe(NodeContext ctx, InboundMessage message) {
        var settings = services.settings;
        if (message.media().isEmpty() || settings.speechToText().isEmpty()) {
            ctx.record(
                    "stt.skipped",
                    new TranscriptionRecord(message.messageId(), false, 0, "no media or no speech-to-text provider"));
            return Optional.empty();
        }
        long start = System.nanoTime();
        try {
            var clip = services.calls.call(
                    ProviderRole.TRANSPORT, settings.transport().name(), "media download", () -> settings.transport()
                            .download(message.media().get()));
            var language = settings.language().equals("auto")
                    ? Optional.<Locale>empty()
                    : Optional.of(Locale.forLanguageTag(settings.language()));
            var transcript = services.calls.call(
                    ProviderRole.SPEECH_TO_TEXT, "speech-to-text", "transcription", () -> settings.speechToText()
                            .get()
                            .transcribe(clip, language));
            ctx.record(
                    "stt.call",
                    new TranscriptionRecord(message.messageId(), true, millisSince(start), transcript.text()));
            return Optional.of(transcript.text().strip());
        } catch (RuntimeException e) {
            log.warn("could not transcribe voice message {}; answering its text instead", message.messageId(), e);
            ctx.record(
                    "stt.call", new TranscriptionRecord(message.messageId(), false, millisSince(start), e.toString()));
            return Optional.empty();
        }
    }

    private static long millisSince(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }
}
