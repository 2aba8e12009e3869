package dev.zupa.runtime;

import dev.zupa.adapters.scripted.Rule;
import dev.zupa.adapters.scripted.ScriptedChatModel;
import dev.zupa.core.conversation.ConversationDirectory;
import dev.zupa.core.llm.ChatModel;
import dev.zupa.core.llm.ChatRequest;
import dev.zupa.core.llm.ChatResponse;
import dev.zupa.engine.checkpoint.CheckpointStore;
import dev.zupa.testkit.ManualClock;
import dev.zupa.testkit.RecordingTransport;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/** An agent on a recording transport, a manual clock, in-memory stores and a model that records its requests. */
final class AgentHarness implements AutoCloseable {
    final RecordingTransport transport = RecordingTransport.create();
    final ManualClock clock = ManualClock.of(Instant.parse("2026-01-01T10:00:00Z"));
    final CheckpointStore store;
    final ConversationDirectory directory;
    final List<ChatRequest> requests = new CopyOnWriteArrayList<>();
    final List<AgentEvent> events = new CopyOnWriteArrayList<>();
    final Agent agent;
    private final AtomicLong ids = new AtomicLong();

    AgentHarness(ChatModel model, Consumer<Agent.Builder> configure) {
        this(model, configure, CheckpointStore.inMemory(), ConversationDirectory.inMemory());
    }

    AgentHarness(ChatModel model, Consumer<Agent.Builder> configure, CheckpointStore store, ConversationDirectory dir) {
        this.store = store;
        this.directory = dir;
        ChatModel recording = request -> {
            requests.add(request);
            return model.complete(request);
        };
        var builder = Agent.builder()
                .name("test")
                .instructions("You help {{user.name}}.")
                .chatModel(recording)
                .transport(transport)
                .checkpointStore(store)
                .directory(dir)
                .clock(clock)
                .ids(() -> "id-" + ids.incrementAndGet())
                .retryBackoff(Duration.ofMillis(1))
                .listener(events::add);
        configure.accept(builder);
        agent = builder.build();
        agent.start();
    }

    static ScriptedChatModel echo() {
        return ScriptedChatModel.builder()
                .rule(Rule.always().reply(m -> "you said: " + m.userText()))
                .build();
    }

    static ChatResponse unused(ChatRequest request) {
        throw new AssertionError("no model call expected");
    }

    void idle() {
        try {
            if (!agent.awaitIdle(Duration.ofSeconds(20))) {
                throw new AssertionError("the agent did not become idle; sent so far: " + transport.sentTexts());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @Override
    public void close() {
        agent.close();
    }
}
