package dev.zupa.runtime;

import dev.zupa.core.conversation.Modality;
import java.util.Optional;

/**
 * Chooses how to answer a user whose preference is {@code dynamic}, when the model did not choose (the model's
 * structured choice comes first; a keyword heuristic and mirroring come after this hook).
 *
 * @since 0.1
 */
@FunctionalInterface
public interface ModalityExtractor {

    /**
     * Chooses a modality.
     *
     * @param userText what the user said this turn (the transcript of a voice note); never null
     * @param reply the reply about to be sent; never null
     * @return the modality, or empty to let the next rule decide; never null
     */
    Optional<Modality> modality(String userText, String reply);
}
