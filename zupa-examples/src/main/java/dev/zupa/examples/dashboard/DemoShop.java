package dev.zupa.examples.dashboard;

import dev.zupa.core.llm.ChatModel;
import dev.zupa.examples.burgers.BurgerScript;
import dev.zupa.examples.burgers.BurgerShop;
import dev.zupa.runtime.Agent;
import dev.zupa.runtime.Limits;
import dev.zupa.runtime.management.ManagementServer;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;

/**
 * The burger shop with the offline script, on a {@link DemoTransport}, served by a {@link ManagementServer} on a free
 * local port with a fresh random token, and optionally under the load of {@link DemoCustomers}. Closing it stops
 * the load, the server and the agent, in that order.
 */
final class DemoShop implements AutoCloseable {
    /** The scripted model answers at once; a short think makes the latency panel look like a real model's. */
    private static final int THINK_MIN_MILLIS = 20;

    private static final int THINK_MAX_MILLIS = 120;

    private final DemoTransport transport = new DemoTransport();
    private final Agent agent;
    private final ManagementServer server;
    private final String token = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
    private final @Nullable DemoCustomers customers;

    private DemoShop(Path dataFile, boolean load) {
        this.agent = BurgerShop.builder(transport, thinking(BurgerScript.model()), dataFile)
                // the customers write faster than the default 20 messages a minute a real person is allowed
                .limits(Limits.defaults().toBuilder()
                        .messagesPerUserPerMinute(10_000)
                        .build())
                .build();
        try {
            this.server =
                    ManagementServer.builder().agent(agent).token(token).build().start();
            agent.start();
        } catch (RuntimeException e) {
            agent.close();
            throw e;
        }
        this.customers = load ? DemoCustomers.start(transport) : null;
    }

    /**
     * Opens the shop.
     *
     * @param dataFile the SQLite file of its conversations
     * @param load whether the scripted customers write to it
     */
    static DemoShop open(Path dataFile, boolean load) {
        return new DemoShop(dataFile, load);
    }

    URI uri() {
        return server.uri();
    }

    String token() {
        return token;
    }

    Agent agent() {
        return agent;
    }

    DemoTransport transport() {
        return transport;
    }

    private static ChatModel thinking(ChatModel model) {
        return request -> {
            try {
                Thread.sleep(ThreadLocalRandom.current().nextInt(THINK_MIN_MILLIS, THINK_MAX_MILLIS));
            } catch (InterruptedException e) {
                // the call timed out or the agent is closing: answer now and let the runtime decide
                Thread.currentThread().interrupt();
            }
            return model.complete(request);
        };
    }

    @Override
    public void close() {
        try {
            if (customers != null) {
                customers.close();
            }
            server.close();
            // close() waits (up to a minute) for the messages a paused agent holds; answering the few the customers
            // sent meanwhile is quicker, and the demo's data is deleted anyway
            agent.resume();
        } finally {
            agent.close();
        }
    }
}
