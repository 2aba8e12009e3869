package dev.zupa.runtime.management;

import com.sun.net.httpserver.HttpServer;
import dev.zupa.runtime.Agent;
import dev.zupa.runtime.management.internal.EventFeed;
import dev.zupa.runtime.management.internal.Managed;
import dev.zupa.runtime.management.internal.ManagedAgent;
import dev.zupa.runtime.management.internal.ManagementApi;
import dev.zupa.runtime.management.internal.Prometheus;
import dev.zupa.runtime.management.internal.TransportStatus;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An HTTP API and dashboard for operating agents: health and readiness probes, active sessions, the ledger, metrics
 * (JSON and Prometheus), the SLA report, the transport's login state, a live event stream, pausing and ending
 * sessions. Runs on the JDK's HTTP server, one virtual thread per request; {@code docs/operations.md} lists the
 * endpoints.
 *
 * <pre>{@code
 * var agent = Agent.builder()...build();
 * try (var server = ManagementServer.builder()
 *         .agent(agent)
 *         .port(9464)
 *         .token(System.getenv("ZUPA_MANAGEMENT_TOKEN"))
 *         .build()
 *         .start()) {
 *     agent.start();
 *     ...
 * }
 * }</pre>
 *
 * <p>Every endpoint but {@code /health} and {@code /ready} needs the token, as {@code Authorization: Bearer <token>},
 * or for GET requests only as {@code ?token=} (a browser's page address and event stream cannot carry a header).
 * Build the server before starting the agents: it listens to their events from then on.
 *
 * <p>Thread-safe.
 *
 * @since 0.1
 */
public final class ManagementServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ManagementServer.class);

    private final String host;
    private final int requestedPort;
    private final String token;
    private final Managed managed;
    private final EventFeed feed;
    private @Nullable HttpServer server;
    private @Nullable ExecutorService executor;
    private boolean closed;

    private ManagementServer(Builder builder, Managed managed, EventFeed feed) {
        this.host = builder.host;
        this.requestedPort = builder.port;
        this.token = Objects.requireNonNull(builder.token);
        this.managed = managed;
        this.feed = feed;
    }

    /**
     * Starts building a server.
     *
     * @return a builder; never null
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Binds the port and starts answering. Idempotent.
     *
     * @return this server
     * @throws UncheckedIOException when the port cannot be bound
     * @throws IllegalStateException when the server was closed
     */
    public synchronized ManagementServer start() {
        if (closed) {
            throw new IllegalStateException("the management server is closed");
        }
        if (server != null) {
            return this;
        }
        try {
            var http = HttpServer.create(new InetSocketAddress(host, requestedPort), 0);
            http.createContext("/", ManagementApi.handler(managed, token));
            executor = Executors.newVirtualThreadPerTaskExecutor();
            http.setExecutor(executor);
            http.start();
            server = http;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + host + ":" + requestedPort + ": " + e.getMessage(), e);
        }
        log.info("management API listening on {}", uri());
        return this;
    }

    /**
     * The port the server listens on: the one asked for, or the one the system chose for port 0.
     *
     * @return the port
     * @throws IllegalStateException when the server is not started
     */
    public synchronized int port() {
        if (server == null) {
            throw new IllegalStateException("the management server is not started");
        }
        return server.getAddress().getPort();
    }

    /**
     * The server's base address, such as {@code http://127.0.0.1:9464/}.
     *
     * @return the address; never null
     * @throws IllegalStateException when the server is not started
     */
    public URI uri() {
        return URI.create("http://" + host + ":" + port() + "/");
    }

    /**
     * The registry the server reads {@code /metrics} from: a Prometheus registry when
     * {@code micrometer-registry-prometheus} is on the class path, else a simple in-memory one.
     *
     * @return the registry; never null
     */
    public MeterRegistry registry() {
        return managed.registry();
    }

    /**
     * Ends the event streams and stops answering. The agents keep running. Idempotent.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        feed.close();
        if (server != null) {
            server.stop(0);
        }
        if (executor != null) {
            executor.shutdown();
            try {
                if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
                    executor.shutdownNow();
                }
            } catch (InterruptedException e) {
                executor.shutdownNow();
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Builds a {@link ManagementServer}. Not thread-safe. */
    public static final class Builder {
        private static final int MIN_TOKEN_LENGTH = 16;

        private final List<Agent> agents = new ArrayList<>();
        private String host = "127.0.0.1";
        private int port;
        private @Nullable String token;
        private Clock clock = Clock.systemUTC();
        private @Nullable MeterRegistry registry;
        private Slo slo = Slo.defaults();

        private Builder() {}

        /**
         * Adds an agent to serve. With several, endpoints take {@code ?agent=<name>}.
         *
         * @param agent the agent; never null
         * @return this builder
         * @throws IllegalArgumentException when an agent of the same name was added
         */
        public Builder agent(Agent agent) {
            Objects.requireNonNull(agent, "agent");
            if (agents.stream().anyMatch(a -> a.name().equals(agent.name()))) {
                throw new IllegalArgumentException("two agents are named '" + agent.name() + "'");
            }
            agents.add(agent);
            return this;
        }

        /**
         * The address to listen on; {@code 127.0.0.1} by default, so that only the machine itself can connect. Use
         * {@code 0.0.0.0} to listen on every interface.
         *
         * @param value a host name or address; never blank
         * @return this builder
         */
        public Builder host(String value) {
            Objects.requireNonNull(value, "host");
            if (value.isBlank()) {
                throw new IllegalArgumentException("host must not be blank");
            }
            this.host = value;
            return this;
        }

        /**
         * The port; 0 (the default) lets the system choose a free one, which {@link #port()} then tells.
         *
         * @param value 0 to 65535
         * @return this builder
         */
        public Builder port(int value) {
            if (value < 0 || value > 65_535) {
                throw new IllegalArgumentException("port must be between 0 and 65535, got " + value);
            }
            this.port = value;
            return this;
        }

        /**
         * The bearer token every protected endpoint requires. Never logged.
         *
         * @param value at least 16 characters, such as 32 random bytes in hex; never null
         * @return this builder
         * @throws IllegalArgumentException when it is shorter than 16 characters
         */
        public Builder token(String value) {
            Objects.requireNonNull(value, "token");
            if (value.strip().length() < MIN_TOKEN_LENGTH) {
                throw new IllegalArgumentException("token must be at least " + MIN_TOKEN_LENGTH + " characters");
            }
            this.token = value.strip();
            return this;
        }

        /**
         * The clock that ends the SLA window and stamps {@code /health}; the system UTC clock by default.
         *
         * @param value the clock; never null
         * @return this builder
         */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /**
         * Also publishes the agents' meters to the application's own registry (the server keeps its own for
         * {@code /metrics} either way).
         *
         * @param value the registry; never null
         * @return this builder
         */
        public Builder registry(MeterRegistry value) {
            this.registry = Objects.requireNonNull(value, "registry");
            return this;
        }

        /**
         * The objective {@code /sla} reports on; {@link Slo#defaults()} by default.
         *
         * @param value the objective; never null
         * @return this builder
         */
        public Builder slo(Slo value) {
            this.slo = Objects.requireNonNull(value, "slo");
            return this;
        }

        /**
         * Builds the server and starts listening to the agents' events; it answers no request before
         * {@link ManagementServer#start()}.
         *
         * @return the server; never null
         * @throws IllegalStateException when no agent or no token was given
         */
        public ManagementServer build() {
            if (agents.isEmpty()) {
                throw new IllegalStateException("the management server needs an agent: call agent(...)");
            }
            if (token == null) {
                throw new IllegalStateException("the management server needs a token: call token(...)");
            }
            var prometheus = Prometheus.detect();
            var local = prometheus.newRegistry();
            var feed = new EventFeed();
            var managedAgents = new ArrayList<ManagedAgent>();
            for (var agent : agents) {
                var metrics = AgentMetrics.of(agent);
                metrics.bindTo(local);
                Optional.ofNullable(registry).ifPresent(metrics::bindTo);
                var transport = new TransportStatus();
                agent.addListener(transport);
                agent.addListener(feed.listenerFor(agent.name()));
                managedAgents.add(new ManagedAgent(agent, metrics, transport));
            }
            var managed = new Managed(managedAgents, local, prometheus, slo, clock, feed);
            return new ManagementServer(this, managed, feed);
        }
    }
}
