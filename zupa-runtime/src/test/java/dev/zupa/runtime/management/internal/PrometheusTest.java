package dev.zupa.runtime.management.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.zupa.core.conversation.ConversationDirectory;
import dev.zupa.engine.checkpoint.CheckpointStore;
import dev.zupa.runtime.Agent;
import dev.zupa.runtime.management.AgentMetrics;
import dev.zupa.runtime.management.Slo;
import dev.zupa.testkit.RecordingTransport;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class PrometheusTest {
    private static final String TOKEN = "another-token-for-tests-0123456789";

    @Test
    void findsTheOptionalRegistryOnTheClassPath() {
        assertThat(Prometheus.detect().available()).isTrue();
        assertThat(Prometheus.detect().newRegistry().getClass().getName()).isEqualTo(Prometheus.REGISTRY_CLASS);
        assertThat(Prometheus.detect("io.micrometer.prometheusmetrics.NoSuchRegistry")
                        .available())
                .isFalse();
    }

    @Test
    void withoutItTheExportIsNotFoundWithAClearMessage() throws Exception {
        var absent = new Prometheus(false);
        try (var agent = Agent.builder()
                .instructions("You help.")
                .transport(RecordingTransport.create())
                .checkpointStore(CheckpointStore.inMemory())
                .directory(ConversationDirectory.inMemory())
                .build()) {
            var registry = absent.newRegistry();
            assertThat(registry).isInstanceOf(SimpleMeterRegistry.class);
            var metrics = AgentMetrics.of(agent);
            metrics.bindTo(registry);
            var managed = new Managed(
                    List.of(new ManagedAgent(agent, metrics, new TransportStatus())),
                    registry,
                    absent,
                    Slo.defaults(),
                    Clock.systemUTC(),
                    new EventFeed());
            var server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/", ManagementApi.handler(managed, TOKEN));
            server.start();
            try (var client = HttpClient.newHttpClient()) {
                var uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/metrics/prometheus");
                var response = client.send(
                        HttpRequest.newBuilder(uri)
                                .header("Authorization", "Bearer " + TOKEN)
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(response.statusCode()).isEqualTo(404);
                assertThat(response.body())
                        .isEqualTo("{\"error\":\"Prometheus export is off: add"
                                + " io.micrometer:micrometer-registry-prometheus to the class path\"}");
            } finally {
                server.stop(0);
            }
        }
    }
}
