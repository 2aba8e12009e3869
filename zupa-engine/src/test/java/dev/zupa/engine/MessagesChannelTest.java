package dev.zupa.engine;

import static dev.zupa.engine.Fixtures.builder;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zupa.core.message.Message;
import dev.zupa.core.message.MessageId;
import dev.zupa.core.message.MessageUpdate;
import dev.zupa.engine.channel.Channel;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class MessagesChannelTest {
    static final Channel<List<Message>, MessageUpdate> MESSAGES = Channel.messages("messages");
    static final Channel<List<MessageUpdate>, MessageUpdate> TODO = Channel.topic("todo", MessageUpdate.class);

    static Message.User user(String id, String text) {
        return new Message.User(MessageId.of(id), text);
    }

    static Message.Assistant assistant(String id, String text) {
        return new Message.Assistant(MessageId.of(id), text, List.of());
    }

    /** A graph whose one node writes the updates the input put on the TODO topic (cleared after one step). */
    private static Graph graph() {
        return builder()
                .channels(MESSAGES, TODO)
                .node("apply", ctx -> ctx.state().get(TODO).forEach(u -> ctx.write(MESSAGES, u)))
                .edge(Graph.START, "apply")
                .edge("apply", Graph.END)
                .build();
    }

    private static List<Message> run(Graph graph, String thread, MessageUpdate... updates) {
        var input = Input.none();
        for (var update : updates) {
            input = input.and(TODO, update);
        }
        return graph.invoke(input, thread).state().get(MESSAGES);
    }

    @Test
    void appendsMessagesWithNewIdsInOrder() {
        var graph = builder()
                .channel(MESSAGES)
                .node("reply", ctx -> ctx.write(MESSAGES, assistant("a1", "hi there")))
                .edge(Graph.START, "reply")
                .edge("reply", Graph.END)
                .build();

        var messages = graph.invoke(Input.of(MESSAGES, user("u1", "hello")), "t")
                .state()
                .get(MESSAGES);

        assertThat(messages).containsExactly(user("u1", "hello"), assistant("a1", "hi there"));
    }

    @Test
    void replacesMessageWithKnownIdInPlace() {
        var graph = builder()
                .channel(MESSAGES)
                .node("edit", ctx -> ctx.write(MESSAGES, user("u1", "edited")))
                .edge(Graph.START, "edit")
                .edge("edit", Graph.END)
                .build();
        var input = Input.of(MESSAGES, (MessageUpdate) user("u1", "original"))
                .and(MESSAGES, user("u2", "second"))
                .and(MESSAGES, user("u3", "third"));

        var messages = graph.invoke(input, "t").state().get(MESSAGES);

        assertThat(messages).containsExactly(user("u1", "edited"), user("u2", "second"), user("u3", "third"));
    }

    @Test
    void removesMessageById() {
        var graph = builder()
                .channel(MESSAGES)
                .node("forget", ctx -> ctx.write(MESSAGES, MessageUpdate.remove(MessageId.of("u2"))))
                .edge(Graph.START, "forget")
                .edge("forget", Graph.END)
                .build();
        var input = Input.of(MESSAGES, (MessageUpdate) user("u1", "one"))
                .and(MESSAGES, user("u2", "two"))
                .and(MESSAGES, user("u3", "three"));

        var messages = graph.invoke(input, "t").state().get(MESSAGES);

        assertThat(messages).containsExactly(user("u1", "one"), user("u3", "three"));
    }

    @Test
    void rejectsRemovalOfUnknownId() {
        var graph = builder()
                .channel(MESSAGES)
                .node("forget", ctx -> ctx.write(MESSAGES, MessageUpdate.remove(MessageId.of("ghost"))))
                .edge(Graph.START, "forget")
                .edge("forget", Graph.END)
                .build();

        assertThatThrownBy(() -> graph.invoke(Input.of(MESSAGES, user("u1", "one")), "t"))
                .isInstanceOf(ChannelUpdateException.class)
                .hasMessageContaining("cannot remove message ghost from channel 'messages'")
                .hasMessageContaining("no message has that id");
        assertThat(graph.state(ThreadId.of("t")).orElseThrow().values().get(MESSAGES))
                .containsExactly(user("u1", "one"));
    }

    @Test
    void removeAllClearsTheListAndLaterMessagesStartAfresh() {
        var graph = builder()
                .channel(MESSAGES)
                .node("reset", ctx -> {
                    ctx.write(MESSAGES, MessageUpdate.removeAll());
                    ctx.write(MESSAGES, assistant("a9", "fresh start"));
                })
                .edge(Graph.START, "reset")
                .edge("reset", Graph.END)
                .build();
        var input = Input.of(MESSAGES, (MessageUpdate) user("u1", "one")).and(MESSAGES, user("u2", "two"));

        var messages = graph.invoke(input, "t").state().get(MESSAGES);

        assertThat(messages).containsExactly(assistant("a9", "fresh start"));
        // and the same list comes back from the stored increments
        assertThat(graph.state(ThreadId.of("t")).orElseThrow().values().get(MESSAGES))
                .containsExactly(assistant("a9", "fresh start"));
    }

    @Test
    void keepsTwoEqualTextsWithDifferentIds() {
        var graph = builder()
                .channel(MESSAGES)
                .node("echo", ctx -> ctx.write(MESSAGES, user("u2", "yes")))
                .edge(Graph.START, "echo")
                .edge("echo", Graph.END)
                .build();

        var messages =
                graph.invoke(Input.of(MESSAGES, user("u1", "yes")), "t").state().get(MESSAGES);

        assertThat(messages).containsExactly(user("u1", "yes"), user("u2", "yes"));
        assertThat(messages).extracting(Message::text).containsExactly("yes", "yes");
    }

    @Test
    void storedIncrementsReplayToTheSameListAcrossInvocations() {
        var graph = graph();

        run(graph, "t", user("u1", "one"), user("u2", "two"));
        run(graph, "t", user("u1", "one, edited"), assistant("a1", "answer"));
        var afterRemoval = run(graph, "t", MessageUpdate.remove(MessageId.of("u2")), user("u3", "three"));

        assertThat(afterRemoval)
                .containsExactly(user("u1", "one, edited"), assistant("a1", "answer"), user("u3", "three"));
        assertThat(graph.state(ThreadId.of("t")).orElseThrow().values().get(MESSAGES))
                .isEqualTo(afterRemoval);
    }

    @Test
    void aSlidingWindowIsCompactedSoItsBlobChainStaysShort() {
        var store = dev.zupa.engine.checkpoint.CheckpointStore.inMemory();
        var graph = builder()
                .channel(MESSAGES)
                .node("remember", ctx -> {
                    var window = ctx.state().get(MESSAGES);
                    int turn = window.isEmpty()
                            ? 0
                            : Integer.parseInt(window.getLast().id().value()) + 1;
                    ctx.write(MESSAGES, user(String.valueOf(turn), "message number " + turn + " ".repeat(40)));
                    if (window.size() == 5) {
                        ctx.write(
                                MESSAGES, MessageUpdate.remove(window.getFirst().id()));
                    }
                })
                .edge(Graph.START, "remember")
                .edge("remember", Graph.END)
                .checkpointStore(store)
                .build();

        for (int turn = 0; turn < 500; turn++) {
            graph.invoke(Input.none(), "window");
        }

        var latest = store.latest(ThreadId.of("window"), "").orElseThrow();
        assertThat(latest.channels().get("messages"))
                .as("blobs replayed to read the window")
                .hasSizeLessThan(100);
        assertThat(graph.state(ThreadId.of("window")).orElseThrow().values().get(MESSAGES))
                .extracting(m -> m.id().value())
                .containsExactly("495", "496", "497", "498", "499");
    }
}
