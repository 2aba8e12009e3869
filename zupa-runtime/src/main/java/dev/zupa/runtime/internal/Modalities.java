package dev.zupa.runtime.internal;

import dev.zupa.core.conversation.Modality;
import dev.zupa.core.conversation.ReplyPreference;
import dev.zupa.runtime.AgentModality;
import dev.zupa.runtime.ModalityExtractor;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * How a reply is sent: the agent's setting beats the user's preference, which beats mirroring; a dynamic preference
 * asks the model's structured choice, then the developer's hook, then keywords, then mirrors.
 */
final class Modalities {
    private static final Pattern WORD = Pattern.compile("[\\p{L}]+");
    private static final Set<String> VOICE_WORDS = Set.of("voice", "audio", "áudio", "speak", "falar", "fala");
    private static final Set<String> TEXT_WORDS = Set.of("text", "texto", "write", "escreve", "escreva");

    private Modalities() {}

    /** The decision and the rule that made it, for the ledger. */
    record Decision(Modality modality, String reason) {}

    static Decision decide(
            AgentModality agent,
            ReplyPreference preference,
            Modality input,
            Optional<Modality> fromModel,
            Optional<ModalityExtractor> extractor,
            String userText,
            String reply) {
        switch (agent) {
            case TEXT -> {
                return new Decision(Modality.TEXT, "agent setting");
            }
            case VOICE -> {
                return new Decision(Modality.VOICE, "agent setting");
            }
            case AUTO -> {}
        }
        return switch (preference) {
            case TEXT -> new Decision(Modality.TEXT, "user preference");
            case VOICE -> new Decision(Modality.VOICE, "user preference");
            case MIRROR -> new Decision(input, "mirror");
            case DYNAMIC -> dynamic(input, fromModel, extractor, userText, reply);
        };
    }

    private static Decision dynamic(
            Modality input,
            Optional<Modality> fromModel,
            Optional<ModalityExtractor> extractor,
            String userText,
            String reply) {
        if (fromModel.isPresent()) {
            return new Decision(fromModel.get(), "model");
        }
        if (extractor.isPresent()) {
            var chosen = extractor.get().modality(userText, reply);
            if (chosen.isPresent()) {
                return new Decision(chosen.get(), "extractor");
            }
        }
        boolean voice = false;
        boolean text = false;
        var words = WORD.matcher(userText.toLowerCase(Locale.ROOT));
        while (words.find()) {
            voice |= VOICE_WORDS.contains(words.group());
            text |= TEXT_WORDS.contains(words.group());
        }
        if (voice != text) {
            return new Decision(voice ? Modality.VOICE : Modality.TEXT, "keywords");
        }
        return new Decision(input, "mirror");
    }
}
