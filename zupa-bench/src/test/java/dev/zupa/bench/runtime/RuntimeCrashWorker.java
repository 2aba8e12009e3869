package dev.zupa.bench.runtime;

import dev.zupa.adapters.sqlite.SqliteCheckpointStore;
import dev.zupa.adapters.sqlite.SqliteConversationDirectory;
import dev.zupa.core.llm.ChatModel;
import dev.zupa.core.llm.ChatResponse;
import dev.zupa.core.llm.FinishReason;
import dev.zupa.core.llm.TokenUsage;
import dev.zupa.core.message.Message;
import dev.zupa.runtime.Agent;
import dev.zupa.runtime.AgentEvent;
import dev.zupa.runtime.Limits;
import dev.zupa.runtime.resilience.CallPolicy;
import dev.zupa.runtime.resilience.ProviderRole;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The child JVM of {@link RuntimeCrashIT}: serves the scripted users of the input file through a {@link FileTransport}
 * with an agent on a SQLite file (the same file on every start) and a model that answers {@code "re: " + text}.
 *
 * <p>Arguments: database, input file, output file, suppressed-sends file, incarnation. Prints {@code READY} once the
 * stores are open, then starts the agent; prints {@code DONE ...} with counters and exits 0 once every message has its
 * reply and the agent is idle, and exits 1 with a stack trace on any failure or after two minutes.
 */
final class RuntimeCrashWorker {
    private RuntimeCrashWorker() {}

    public static void main(String[] args) throws Exception {
        try {
            run(Path.of(args[0]), Path.of(args[1]), Path.of(args[2]), Path.of(args[3]), Integer.parseInt(args[4]));
        } catch (Throwable e) {
            e.printStackTrace(System.out);
            System.out.flush();
            System.exit(1);
        }
        System.exit(0);
    }

    static ChatModel echo() {
        return request -> {
            var last = "";
            for (var message : request.messages()) {
                if (message instanceof Message.User user) {
                    last = user.text();
                }
            }
            return new ChatResponse(
                    Message.assistant("re: " + last), TokenUsage.none(), FinishReason.STOP, "echo", Optional.empty());
        };
    }

    private static void run(Path db, Path input, Path output, Path suppressed, int incarnation) throws Exception {
        var duplicates = new AtomicInteger();
        var failed = new AtomicInteger();
        try (var store = SqliteCheckpointStore.open(db);
                var directory = SqliteConversationDirectory.open(db);
                var transport = new FileTransport(input, output, suppressed, incarnation)) {
            var limits = Limits.builder()
                    .messagesPerUserPerMinute(1_000_000)
                    .maxConcurrentTurns(256)
                    .build();
            var agent = Agent.builder()
                    .name("crash")
                    .instructions("You echo.")
                    .chatModel(echo())
                    .transport(transport)
                    .checkpointStore(store)
                    .directory(directory)
                    .limits(limits)
                    .callPolicy(
                            ProviderRole.TRANSPORT,
                            CallPolicy.defaults(ProviderRole.TRANSPORT).toBuilder()
                                    .backoff(Duration.ofMillis(5))
                                    .build())
                    .listener(event -> {
                        if (event instanceof AgentEvent.InboundDuplicate) {
                            duplicates.incrementAndGet();
                        } else if (event instanceof AgentEvent.TurnFailed
                                || event instanceof AgentEvent.OutboundFailed) {
                            failed.incrementAndGet();
                            System.out.println("FAILURE " + event);
                        }
                    })
                    .build();
            System.out.println("READY");
            System.out.flush();
            agent.start();
            if (!transport.awaitAllAnswered(Duration.ofMinutes(2))) {
                throw new IllegalStateException("not every message was answered in two minutes");
            }
            if (!agent.awaitIdle(Duration.ofMinutes(1))) {
                throw new IllegalStateException("the agent did not become idle");
            }
            agent.close();
            System.out.println("DONE duplicatesDropped=" + duplicates.get() + " suppressedResends="
                    + transport.suppressedCount() + " failures=" + failed.get());
            System.out.flush();
        }
    }
}
