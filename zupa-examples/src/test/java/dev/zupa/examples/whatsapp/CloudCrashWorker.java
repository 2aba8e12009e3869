package dev.zupa.examples.whatsapp;

import dev.zupa.core.llm.ChatModel;
import dev.zupa.core.llm.ChatRequest;
import dev.zupa.core.llm.ChatResponse;
import dev.zupa.examples.burgers.BurgerScript;
import dev.zupa.examples.burgers.BurgerShop;
import dev.zupa.runtime.AgentEvent;
import dev.zupa.runtime.resilience.CallPolicy;
import dev.zupa.runtime.resilience.ProviderRole;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * The child JVM of {@link WhatsAppCloudCrashIT}: the burger shop on a SQLite file behind the Cloud transport's
 * standalone listener, with the fake Graph API of the test.
 *
 * <p>Arguments: the database path, the Graph API's base URL, and the model: {@code blocking} (its call never
 * returns, so no turn ever finishes) or {@code scripted} (the shop's script). Prints {@code LISTENING <port>} once
 * webhooks are taken, then one line per event the test waits for: {@code MODEL CALLED}, {@code RECEIVED <wamid>},
 * {@code DUPLICATE <wamid>}, {@code SENT <modality>}. When standard input ends it waits for the agent to be idle,
 * closes it, prints {@code DONE} and exits 0.
 */
final class CloudCrashWorker {
    private CloudCrashWorker() {}

    public static void main(String[] args) throws Exception {
        var db = Path.of(args[0]);
        var graphUrl = args[1];
        ChatModel model = args[2].equals("blocking") ? new BlockingModel() : BurgerScript.model();
        var transport = CloudFixtures.transport(graphUrl).build();
        // the blocking model must still be blocked when the test kills us: no timeout, no fallback reply first
        var patient = CallPolicy.defaults(ProviderRole.MODEL).toBuilder()
                .timeout(Duration.ofMinutes(10))
                .maxElapsed(Duration.ofMinutes(10))
                .maxRetries(0)
                .build();
        try (var agent = BurgerShop.builder(transport, model, db)
                .callPolicy(ProviderRole.MODEL, patient)
                .listener(CloudCrashWorker::report)
                .build()) {
            agent.start();
            print("LISTENING " + transport.listenerAddress().orElseThrow().getPort());
            System.in.readAllBytes();
            if (!agent.awaitIdle(Duration.ofSeconds(30))) {
                print("STILL BUSY");
            }
        }
        print("DONE");
    }

    private static void report(AgentEvent event) {
        switch (event) {
            case AgentEvent.InboundReceived received ->
                print("RECEIVED " + received.message().messageId());
            case AgentEvent.InboundDuplicate duplicate ->
                print("DUPLICATE " + duplicate.message().messageId());
            case AgentEvent.OutboundSent sent -> print("SENT " + sent.modality());
            case AgentEvent.TurnFailed failed -> print("TURN FAILED " + failed.error());
            default -> {
                // the test waits for the lines above only
            }
        }
    }

    private static void print(String line) {
        System.out.println(line);
        System.out.flush();
    }

    /** A model whose call never returns: the turn is in flight, its reply never stored, until the process dies. */
    private static final class BlockingModel implements ChatModel {
        @Override
        public ChatResponse complete(ChatRequest request) {
            print("MODEL CALLED");
            try {
                new CountDownLatch(1).await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException("the blocking model was interrupted");
        }
    }
}
