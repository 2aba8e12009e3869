package dev.zupa.runtime.internal;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import dev.zupa.core.conversation.Modality;
import dev.zupa.core.message.Message;
import dev.zupa.core.message.MessageUpdate;
import dev.zupa.engine.channel.Channel;
import java.util.List;
import java.util.Map;

/** The channels of the turn graph: what a session remembers and what one turn works with. */
final class TurnChannels {
    /** The current turn's input. */
    static final Channel<TurnInput, TurnInput> TURN = Channel.lastValue("turn", TurnInput.class);
    /** Working memory: earlier user and assistant messages, bounded; stored as deltas. */
    static final Channel<List<Message>, MessageUpdate> MEMORY = Channel.messages("memory");
    /** The session's key-value store. */
    static final Channel<Map<String, JsonNode>, Map<String, JsonNode>> VALUES =
            Channel.lastValue("values", new TypeReference<Map<String, JsonNode>>() {});
    /** The user's text for this turn (transcripts of voice notes included). */
    static final Channel<String, String> USER_TEXT = Channel.lastValue("userText", String.class);
    /** How the user wrote this turn. */
    static final Channel<Modality, Modality> INPUT_MODALITY = Channel.lastValue("inputModality", Modality.class);
    /** The rendered system prompt of this turn. */
    static final Channel<String, String> SYSTEM_PROMPT = Channel.lastValue("systemPrompt", String.class);
    /** This turn's tool rounds: assistant messages with tool calls and their results, in order. */
    static final Channel<List<Message>, List<Message>> EXCHANGE =
            Channel.lastValue("exchange", new TypeReference<List<Message>>() {});
    /** The reply the turn decided on. */
    static final Channel<ReplyDraft, ReplyDraft> REPLY = Channel.lastValue("reply", ReplyDraft.class);

    static final List<Channel<?, ?>> ALL =
            List.of(TURN, MEMORY, VALUES, USER_TEXT, INPUT_MODALITY, SYSTEM_PROMPT, EXCHANGE, REPLY);

    private TurnChannels() {}
}
