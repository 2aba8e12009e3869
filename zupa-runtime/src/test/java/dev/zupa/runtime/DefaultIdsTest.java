package dev.zupa.runtime;

import static dev.zupa.runtime.AgentHarness.answer;
import static org.assertj.core.api.Assertions.assertThat;

import dev.zupa.core.conversation.ConversationDirectory;
import dev.zupa.core.llm.ChatModel;
import dev.zupa.engine.checkpoint.CheckpointStore;
import dev.zupa.testkit.RecordingTransport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** An agent built without {@code ids(...)} names things with version-7 UUIDs, which sort by creation time. */
class DefaultIdsTest {
    @Test
    void correlationIdsAreVersion7UuidsOfTheCurrentMillisecondInCreationOrder() throws Exception {
        var transport = RecordingTransport.create();
        var received = new CopyOnWriteArrayList<String>();
        ChatModel model = request -> answer("ok");
        long before = System.currentTimeMillis();
        try (var agent = Agent.builder()
                .name("ids")
                .instructions("You answer.")
                .chatModel(model)
                .transport(transport)
                .checkpointStore(CheckpointStore.inMemory())
                .directory(ConversationDirectory.inMemory())
                .listener(event -> {
                    if (event instanceof AgentEvent.InboundReceived r) {
                        received.add(r.correlationId());
                    }
                })
                .build()) {
            agent.start();
            for (int i = 0; i < 20; i++) {
                transport.receiveText("ann", "m-" + i, "hello " + i);
                Thread.sleep(i % 5 == 0 ? 2 : 0); // some of them in later milliseconds
            }
            assertThat(agent.awaitIdle(Duration.ofSeconds(20))).isTrue();
        }
        long after = System.currentTimeMillis();

        assertThat(received).hasSize(20).doesNotHaveDuplicates();
        var millis = new ArrayList<Long>();
        for (var id : received) {
            var uuid = UUID.fromString(id);
            assertThat(uuid.version()).as(id).isEqualTo(7);
            assertThat(uuid.variant()).as(id).isEqualTo(2);
            millis.add(uuid.getMostSignificantBits() >>> 16);
        }
        assertThat(millis).allSatisfy(ms -> assertThat(ms).isBetween(before, after));
        // text order is time order across milliseconds: what keeps the store's indexes appending
        var sorted = new ArrayList<>(received);
        sorted.sort(null);
        assertThat(List.copyOf(sorted).stream().map(id -> UUID.fromString(id).getMostSignificantBits() >>> 16))
                .isSorted();
    }
}
