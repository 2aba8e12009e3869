package dev.zupa.runtime;

import dev.zupa.adapters.scripted.Rule;
import dev.zupa.adapters.scripted.ScriptedChatModel;
import dev.zupa.core.conversation.ConversationDirectory;
import dev.zupa.core.llm.ChatModel;
import dev.zupa.core.llm.ChatRequest;
import dev.zupa.core.llm.ChatResponse;
import dev.zupa.core.llm.FinishReason;
import dev.zupa.core.llm.TokenListener;
import dev.zupa.core.llm.TokenUsage;
import dev.zupa.core.message.Message;
import dev.zupa.core.message.MessageId;
import dev.zupa.core.message.ToolCall;
import dev.zupa.core.provider.ProviderErrorKind;
import dev.zupa.core.provider.ProviderException;
import dev.zupa.core.speech.AudioClip;
import dev.zupa.core.transport.InboundMessage;
import dev.zupa.core.transport.OutboundMessage;
import dev.zupa.engine.ThreadId;
import dev.zupa.engine.checkpoint.CheckpointStore;
import dev.zupa.engine.checkpoint.LedgerEntry;
import dev.zupa.engine.checkpoint.LedgerQuery;
import dev.zupa.runtime.resilience.CallPolicy;
import dev.zupa.runtime.resilience.ProviderRole;
import dev.zupa.testkit.ManualClock;
import dev.zupa.testkit.RecordingTransport;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Predicate;

/** An agent on a recording transport, a manual clock, in-memory stores and a model that records its requests. */
final class AgentHarness implements AutoCloseable {
    static final Duration WAIT = Duration.ofSeconds(20);

    final RecordingTransport transport = RecordingTransport.create();
    final ManualClock clock = ManualClock.of(Instant.parse("2026-01-01T10:00:00Z"));
    final CheckpointStore store;
    final ConversationDirectory directory;
    final List<ChatRequest> requests = new CopyOnWriteArrayList<>();
    final List<AgentEvent> events = new CopyOnWriteArrayList<>();
    final Agent agent;
    private final AtomicLong ids = new AtomicLong();
    private final Object eventsChanged = new Object();

    AgentHarness(ChatModel model, Consumer<Agent.Builder> configure) {
        this(model, configure, CheckpointStore.inMemory(), ConversationDirectory.inMemory());
    }

    AgentHarness(ChatModel model, Consumer<Agent.Builder> configure, CheckpointStore store, ConversationDirectory dir) {
        this(model, configure, store, dir, "id-");
    }

    /**
     * An agent over given stores; a second agent over the same stores (a restart) needs another id prefix, since ids
     * must stay unique across runs.
     */
    AgentHarness(
            ChatModel model,
            Consumer<Agent.Builder> configure,
            CheckpointStore store,
            ConversationDirectory dir,
            String idPrefix) {
        this.store = store;
        this.directory = dir;
        ChatModel recording = new ChatModel() {
            @Override
            public ChatResponse complete(ChatRequest request) {
                requests.add(request);
                return model.complete(request);
            }

            @Override
            public ChatResponse stream(ChatRequest request, TokenListener listener) {
                requests.add(request);
                return model.stream(request, listener);
            }
        };
        var builder = Agent.builder()
                .name("test")
                .instructions("You help {{user.name}}.")
                .chatModel(recording)
                .transport(transport)
                .checkpointStore(store)
                .directory(dir)
                .clock(clock)
                .ids(() -> idPrefix + ids.incrementAndGet())
                .listener(this::record);
        for (var role : ProviderRole.values()) {
            builder.callPolicy(role, policy(role).build());
        }
        configure.accept(builder);
        agent = builder.build();
        agent.start();
    }

    /** The role's default policy with 1 ms backoffs, so that retries do not slow the tests down. */
    static CallPolicy.Builder policy(ProviderRole role) {
        return CallPolicy.defaults(role).toBuilder()
                .backoff(Duration.ofMillis(1))
                .maxBackoff(Duration.ofMillis(5));
    }

    static ScriptedChatModel echo() {
        return ScriptedChatModel.builder()
                .rule(Rule.always().reply(m -> "you said: " + m.userText()))
                .build();
    }

    static ChatResponse unused(ChatRequest request) {
        throw new AssertionError("no model call expected");
    }

    /** A plain text answer. */
    static ChatResponse answer(String text) {
        return new ChatResponse(
                new Message.Assistant(MessageId.random(), text, List.of()),
                new TokenUsage(10, 5),
                FinishReason.STOP,
                "fake",
                Optional.empty());
    }

    /** An answer calling tools. */
    static ChatResponse calling(ToolCall... calls) {
        return new ChatResponse(
                new Message.Assistant(MessageId.random(), "", List.of(calls)),
                new TokenUsage(10, 5),
                FinishReason.TOOL_CALLS,
                "fake",
                Optional.empty());
    }

    static ProviderException providerError(ProviderErrorKind kind) {
        return ProviderException.builder(kind, "test", "injected " + kind).build();
    }

    static AudioClip voiceNote() {
        return new AudioClip("ogg bytes".getBytes(StandardCharsets.UTF_8), "audio/ogg; codecs=opus");
    }

    /** Waits for a latch; a latch that never opens fails the test instead of hanging it. */
    static void await(CountDownLatch latch) {
        try {
            if (!latch.await(WAIT.toSeconds(), TimeUnit.SECONDS)) {
                throw new AssertionError("a latch did not open within " + WAIT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /**
     * An operation that blocks until its thread is interrupted (what a timeout does); it gives up after {@link #WAIT},
     * so a missing cancellation fails the test instead of hanging it.
     */
    static final class Hang {
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch interrupted = new CountDownLatch(1);

        /** Blocks, then returns the exception for the caller to throw. */
        RuntimeException block() {
            entered.countDown();
            try {
                new CountDownLatch(1).await(WAIT.toSeconds(), TimeUnit.SECONDS);
                return new IllegalStateException("was never interrupted");
            } catch (InterruptedException e) {
                interrupted.countDown();
                Thread.currentThread().interrupt();
                return new IllegalStateException("interrupted", e);
            }
        }

        /**
         * Asserts that the operation did not run on after its timeout: it was interrupted, or (on a loaded machine,
         * where the timeout can pass before its thread is scheduled) it never started.
         */
        void assertCancelled() {
            if (entered.getCount() == 0) {
                await(interrupted);
            }
        }
    }

    static String text(Message message) {
        return switch (message) {
            case Message.User u -> u.text();
            case Message.Assistant a -> a.text();
            case Message.System s -> s.text();
            case Message.Tool t -> t.text();
        };
    }

    /** The system prompt of a request. */
    static String systemPrompt(ChatRequest request) {
        return ((Message.System) request.messages().get(0)).text();
    }

    /** The text of the last user message of a request. */
    static String lastUserText(ChatRequest request) {
        var messages = request.messages();
        for (int i = messages.size() - 1; i >= 0; i--) {
            if (messages.get(i) instanceof Message.User u) {
                return u.text();
            }
        }
        throw new AssertionError("no user message in " + messages);
    }

    InboundMessage receiveVoice(String from, String messageId) {
        return transport.receiveVoice(from, messageId, voiceNote());
    }

    List<OutboundMessage> sentTo(String address) {
        return transport.sent().stream().filter(m -> m.to().equals(address)).toList();
    }

    <T extends AgentEvent> List<T> events(Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** The session the last {@link AgentEvent.SessionStarted} event named. */
    String sessionId() {
        var started = events(AgentEvent.SessionStarted.class);
        if (started.isEmpty()) {
            throw new AssertionError("no session started; events: " + events);
        }
        return started.get(started.size() - 1).sessionId().value();
    }

    List<LedgerEntry> ledger(String threadId) {
        return store.ledger(LedgerQuery.thread(ThreadId.of(threadId), 1000));
    }

    List<String> ledgerTypes(String threadId) {
        return ledger(threadId).stream().map(LedgerEntry::type).toList();
    }

    /** Waits for an event of a type that matches. */
    <T extends AgentEvent> T awaitEvent(Class<T> type, Predicate<T> condition) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        synchronized (eventsChanged) {
            while (true) {
                var found = events(type).stream().filter(condition).findFirst();
                if (found.isPresent()) {
                    return found.get();
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError(
                            "no matching " + type.getSimpleName() + " within " + WAIT + "; events: " + events);
                }
                try {
                    eventsChanged.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError(e);
                }
            }
        }
    }

    void idle() {
        try {
            if (!agent.awaitIdle(WAIT)) {
                throw new AssertionError("the agent did not become idle; sent so far: " + transport.sentTexts());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private void record(AgentEvent event) {
        synchronized (eventsChanged) {
            events.add(event);
            eventsChanged.notifyAll();
        }
    }

    @Override
    public void close() {
        agent.close();
    }
}
