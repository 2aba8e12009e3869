package dev.zupa.engine;

import static dev.zupa.engine.Fixtures.builder;
import static org.assertj.core.api.Assertions.assertThat;

import dev.zupa.core.message.Message;
import dev.zupa.core.message.MessageId;
import dev.zupa.core.message.MessageUpdate;
import dev.zupa.engine.channel.Channel;
import dev.zupa.engine.checkpoint.CheckpointSource;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 120, unit = TimeUnit.SECONDS)
class StorageGrowthTest {
    static final Channel<List<Message>, MessageUpdate> MESSAGES = Channel.messages("messages");
    static final Channel<Integer, Integer> TURNS = Channel.lastValue("turns", Integer.class);
    static final Channel<String, String> PROFILE = Channel.lastValue("profile", String.class);

    @Test
    void bytesStoredPerTurnDoNotGrowWithTheConversation() {
        var store = new RecordingStore();
        var graph = builder(store)
                .channels(MESSAGES, TURNS, PROFILE)
                .node("reply", ctx -> {
                    int turn = ctx.state().find(TURNS).orElse(0) + 1;
                    ctx.write(TURNS, turn);
                    ctx.write(
                            MESSAGES,
                            new Message.Assistant(
                                    MessageId.of(String.format("a-%05d", turn)), "an answer of fixed size", List.of()));
                })
                .edge(Graph.START, "reply")
                .edge("reply", Graph.END)
                .build();
        int turns = 1_000;
        var perTurn = new long[turns + 1];

        for (int turn = 1; turn <= turns; turn++) {
            long before = store.bytesWritten();
            var input = Input.of(MESSAGES, (MessageUpdate)
                    new Message.User(MessageId.of(String.format("u-%05d", turn)), "a question"));
            if (turn == 1) {
                input = input.and(PROFILE, "written once, in the first turn");
            }
            graph.invoke(input, "conversation");
            perTurn[turn] = store.bytesWritten() - before;
        }

        double ratio = (double) perTurn[turns] / perTurn[10];
        assertThat(ratio)
                .as("bytes of turn 1000 (%d) / turn 10 (%d)", perTurn[turns], perTurn[10])
                .isBetween(1 / 1.1, 1.1);
        var finalState = graph.state(ThreadId.of("conversation")).orElseThrow().values();
        assertThat(finalState.get(MESSAGES)).hasSize(2 * turns);
        assertThat(finalState.get(TURNS)).isEqualTo(turns);
        assertThat(finalState.get(PROFILE)).isEqualTo("written once, in the first turn");
    }

    @Test
    void aChannelNotWrittenInAStepGetsNoBlob() {
        var store = new RecordingStore();
        var graph = builder(store)
                .channels(MESSAGES, TURNS, PROFILE)
                .node("reply", ctx -> ctx.write(TURNS, ctx.state().find(TURNS).orElse(0) + 1))
                .edge(Graph.START, "reply")
                .edge("reply", Graph.END)
                .build();

        graph.invoke(Input.of(PROFILE, "p").and(MESSAGES, new Message.User(MessageId.of("u1"), "hi")), "t");
        graph.invoke(Input.of(MESSAGES, new Message.User(MessageId.of("u2"), "again")), "t");

        assertThat(store.puts())
                .extracting(p -> p.checkpoint().source() + " "
                        + p.blobs().stream()
                                .map(b -> b.channel() + ":" + b.kind())
                                .sorted()
                                .toList())
                .containsExactly(
                        CheckpointSource.INPUT + " [messages:DELTA, profile:FULL]",
                        CheckpointSource.LOOP + " [turns:FULL]",
                        CheckpointSource.INPUT + " [messages:DELTA]",
                        CheckpointSource.LOOP + " [turns:FULL]");
        var delta = store.puts().get(2).blob("messages").orElseThrow();
        assertThat(delta.baseVersion())
                .contains(store.puts().get(0).checkpoint().id().value());
        assertThat(new String(delta.data(), java.nio.charset.StandardCharsets.UTF_8))
                .contains("again")
                .doesNotContain("hi");
    }
}
