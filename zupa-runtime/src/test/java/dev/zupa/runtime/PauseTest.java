package dev.zupa.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zupa.core.conversation.ConversationDirectory;
import dev.zupa.engine.checkpoint.CheckpointStore;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class PauseTest {

    @Test
    @DisplayName("a paused agent stores and acknowledges messages, answers them on resume, in order")
    void pauseHoldsAndResumeAnswers() {
        try (var h = new AgentHarness(AgentHarness.echo(), b -> {})) {
            h.agent.pause();
            h.transport.receiveText("alice", "m1", "one");
            h.transport.receiveText("bob", "m2", "two");
            assertThat(h.agent.paused()).isTrue();
            assertThat(h.transport.sent()).isEmpty();

            h.agent.resume();
            h.idle();
            assertThat(h.transport.sentTexts()).containsExactlyInAnyOrder("you said: one", "you said: two");
        }
    }

    @Test
    @DisplayName("closing a paused agent does not wait for held messages; the next start answers them")
    void closingWhilePausedKeepsHeldMessagesForTheNextStart() throws Exception {
        var store = CheckpointStore.inMemory();
        var directory = ConversationDirectory.inMemory();
        long started;
        try (var h = new AgentHarness(AgentHarness.echo(), b -> {}, store, directory, "first-")) {
            h.agent.pause();
            h.transport.receiveText("alice", "m1", "held");
            started = System.nanoTime();
        }
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(30));

        try (var h = new AgentHarness(AgentHarness.echo(), b -> {}, store, directory, "second-")) {
            h.idle();
            assertThat(h.transport.sentTexts()).containsExactly("you said: held");
        }
    }
}
