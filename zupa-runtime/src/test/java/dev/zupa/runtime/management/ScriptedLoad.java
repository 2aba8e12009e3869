package dev.zupa.runtime.management;

import dev.zupa.adapters.scripted.Match;
import dev.zupa.adapters.scripted.Rule;
import dev.zupa.adapters.scripted.ScriptedChatModel;
import dev.zupa.core.conversation.ConversationDirectory;
import dev.zupa.core.llm.ChatRequest;
import dev.zupa.core.provider.ProviderErrorKind;
import dev.zupa.core.provider.ProviderException;
import dev.zupa.engine.checkpoint.CheckpointStore;
import dev.zupa.runtime.Agent;
import dev.zupa.runtime.Limits;
import dev.zupa.runtime.tool.Tool;
import dev.zupa.testkit.ManualClock;
import dev.zupa.testkit.RecordingTransport;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.IntPredicate;
import java.util.stream.IntStream;

/**
 * A scripted agent on a manual clock and a recording transport, and a load of {@value #MESSAGES} messages from
 * {@value #USERS} users sent one at a time, so that every latency is exactly what the model advanced the clock by:
 * one second, ten seconds for the {@link #late} ones, nothing for the {@link #fails failing} ones (a refused request,
 * which is not retried). Some turns call a slow tool first; some messages are delivered twice.
 */
final class ScriptedLoad implements AutoCloseable {
    static final int MESSAGES = 300;
    static final int USERS = 6;
    static final Duration FAST = Duration.ofSeconds(1);
    static final Duration SLOW = Duration.ofSeconds(10);
    static final Duration TOOL_TIME = Duration.ofMillis(30);
    static final Duration WAIT = Duration.ofSeconds(20);
    static final Instant START = Instant.parse("2026-03-02T09:00:00Z");

    final ManualClock clock;
    final RecordingTransport transport;
    final Agent agent;
    private final AtomicLong ids = new AtomicLong();

    static boolean fails(int i) {
        return i % 25 == 7;
    }

    static boolean late(int i) {
        return i % 25 == 3;
    }

    static boolean usesTool(int i) {
        return i % 30 == 11;
    }

    static boolean redelivered(int i) {
        return i % 50 == 49;
    }

    static long count(IntPredicate which) {
        return IntStream.range(0, MESSAGES).filter(which).count();
    }

    /** The sum of the completed turns' latencies. */
    static Duration completedTotal() {
        var total = Duration.ZERO;
        for (int i = 0; i < MESSAGES; i++) {
            if (!fails(i)) {
                total = total.plus(late(i) ? SLOW : FAST);
            }
        }
        return total;
    }

    private record NoArgs() {}

    ScriptedLoad(CheckpointStore store, ConversationDirectory directory, String idPrefix, Consumer<Agent> beforeStart) {
        this(store, directory, idPrefix, ManualClock.of(START), beforeStart, builder -> {});
    }

    ScriptedLoad(
            CheckpointStore store,
            ConversationDirectory directory,
            String idPrefix,
            ManualClock clock,
            Consumer<Agent> beforeStart,
            Consumer<Agent.Builder> configure) {
        this.clock = clock;
        this.transport = RecordingTransport.builder().clock(clock).build();
        var model = ScriptedChatModel.builder()
                .rule(Rule.toolResult("lookup").reply(m -> "looked it up"))
                .rule(Rule.when(r -> fails(index(r)))
                        .fail(() -> ProviderException.builder(ProviderErrorKind.BAD_REQUEST, "scripted", "refused")
                                .build()))
                .rule(Rule.when(r -> usesTool(index(r))).callTool("lookup", m -> {
                    advance(m);
                    return "{}";
                }))
                .rule(Rule.always().reply(m -> {
                    advance(m);
                    return "ok " + m.userText();
                }))
                .build();
        var lookup = Tool.of("lookup", "Looks something up", NoArgs.class, (args, context) -> {
            // a stage slower than any scripted model call, for the report's worst stages
            Thread.sleep(TOOL_TIME.toMillis());
            return "found";
        });
        var builder = Agent.builder()
                .name("load")
                .instructions("You help {{user.name}}.")
                .chatModel(model)
                .tools(lookup)
                .transport(transport)
                .checkpointStore(store)
                .directory(directory)
                .clock(clock)
                .limits(Limits.defaults().toBuilder()
                        .messagesPerUserPerMinute(10_000)
                        .build())
                .ids(() -> idPrefix + ids.incrementAndGet());
        configure.accept(builder);
        this.agent = builder.build();
        beforeStart.accept(agent);
        agent.start();
    }

    /** Sends the messages one at a time, each answered before the next; returns the agent's clock at the end. */
    Instant run() throws InterruptedException {
        for (int i = 0; i < MESSAGES; i++) {
            send(i);
            if (redelivered(i)) {
                send(i);
            }
        }
        return clock.instant();
    }

    void send(int i) throws InterruptedException {
        send("msg-" + i, i);
    }

    /** Sends message {@code i}'s text under another id, as a new message. */
    void send(String messageId, int i) throws InterruptedException {
        transport.receiveText("user-" + (i % USERS), messageId, "m" + i);
        if (!agent.awaitIdle(WAIT)) {
            throw new AssertionError("message " + i + " was not answered within " + WAIT);
        }
    }

    private void advance(Match match) {
        clock.advance(late(index(match.request())) ? SLOW : FAST);
    }

    private static int index(ChatRequest request) {
        var text = Match.of(request).userText().strip();
        return text.startsWith("m") ? Integer.parseInt(text.substring(1)) : -1;
    }

    @Override
    public void close() {
        agent.close();
    }
}
