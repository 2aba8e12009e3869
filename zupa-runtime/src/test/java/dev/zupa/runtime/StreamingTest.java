package dev.zupa.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zupa.core.llm.ChatModel;
import dev.zupa.core.llm.ChatRequest;
import dev.zupa.core.llm.ChatResponse;
import dev.zupa.core.llm.TokenListener;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class StreamingTest {

    /** Streams its answer in three pieces. */
    private static final class ThreePieces implements ChatModel {
        @Override
        public ChatResponse complete(ChatRequest request) {
            throw new AssertionError("a streaming agent calls stream()");
        }

        @Override
        public ChatResponse stream(ChatRequest request, TokenListener listener) {
            listener.onToken("Hel");
            listener.onToken("lo, ");
            listener.onToken("there");
            return AgentHarness.answer("Hello, there");
        }
    }

    @Test
    @DisplayName("check 53: a streaming agent hands the model's pieces to listeners, they join into the reply, and the"
            + " transport gets the reply once, whole")
    void streamedPiecesJoinIntoTheReply() {
        try (var h = new AgentHarness(new ThreePieces(), b -> b.streamTokens(true))) {
            h.transport.receiveText("alice", "m1", "hi");
            h.idle();

            var tokens = h.events(AgentEvent.ModelToken.class);
            assertThat(tokens).extracting(AgentEvent.ModelToken::text).containsExactly("Hel", "lo, ", "there");
            assertThat(tokens.stream().map(AgentEvent.ModelToken::text).collect(Collectors.joining()))
                    .isEqualTo(h.events(AgentEvent.TurnCompleted.class).get(0).reply());
            assertThat(h.transport.sentTexts()).containsExactly("Hello, there");
        }
    }

    @Test
    @DisplayName("without streaming the model is asked with complete() and no pieces are emitted")
    void notStreamingByDefault() {
        try (var h = new AgentHarness(AgentHarness.echo(), b -> {})) {
            h.transport.receiveText("alice", "m1", "hi");
            h.idle();

            assertThat(h.events(AgentEvent.ModelToken.class)).isEmpty();
        }
    }
}
