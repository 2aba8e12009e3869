package dev.zupa.examples.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client against the runtime's real management server, serving the demo's burger shop without its scripted
 * load: the JSON the dashboard reads is the JSON the server writes. Failures against a stand-in server.
 */
@Timeout(60)
class ManagementClientTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String ANA = "+15550101";

    @TempDir
    Path dir;

    @StartStop
    final MockWebServer standIn = new MockWebServer();

    private DemoShop shop;
    private ManagementClient client;

    @BeforeEach
    void openTheShop() {
        shop = DemoShop.open(dir.resolve("burgers.db"), false);
        client = new ManagementClient(shop.uri(), shop.token());
    }

    @AfterEach
    void close() {
        client.close();
        shop.close();
    }

    @Test
    void readsTheSessionsMetricsAndTransportOfARunningAgent() throws InterruptedException {
        say("hi");
        say("menu");

        var snapshot = client.snapshot(Snapshot.NONE);

        assertThat(snapshot.sessions()).singleElement().satisfies(s -> {
            assertThat(s.agent()).isEqualTo("burgers");
            assertThat(s.user()).isEqualTo("Ana");
            assertThat(s.address()).isEqualTo("demo:" + ANA);
            assertThat(s.turns()).isEqualTo(2);
            assertThat(s.lastActiveAt()).isAfter(Instant.EPOCH);
        });
        var metrics = snapshot.metrics();
        assertThat(metrics.turnsCompleted()).isEqualTo(2);
        assertThat(metrics.activeSessions()).isEqualTo(1);
        assertThat(metrics.paused()).isFalse();
        assertThat(metrics.stages())
                .extracting(StageLatency::stage)
                .startsWith("turn", "reply")
                .contains("model call");
        assertThat(metrics.stages()).allSatisfy(stage -> {
            assertThat(stage.count()).isPositive();
            assertThat(stage.p50()).isNotNaN().isLessThanOrEqualTo(stage.p95());
            assertThat(stage.p95()).isLessThanOrEqualTo(stage.p99());
        });
        assertThat(metrics.breakers())
                .filteredOn(b -> b.provider().equals("model"))
                .singleElement()
                .satisfies(b -> {
                    assertThat(b.state()).isEqualTo("closed");
                    // hi, then menu: a call for the tool and one for the answer
                    assertThat(b.calls()).isEqualTo(3);
                    assertThat(b.errors()).isZero();
                });
        assertThat(snapshot.transport()).isEqualTo(new TransportState("READY", "", ""));
        assertThat(snapshot.turnsPerSecond()).isZero();
    }

    @Test
    void readsASessionsRecentLedger() throws InterruptedException {
        say("menu");
        var row = client.snapshot(Snapshot.NONE).sessions().get(0);

        var detail = client.session(row);

        assertThat(detail.session()).isEqualTo(row);
        assertThat(detail.startedAt()).isAfter(Instant.EPOCH);
        assertThat(detail.endedAt()).isEmpty();
        assertThat(detail.ledger()).extracting(LedgerRow::type).contains("model.call", "tool.call", "turn.completed");
        assertThat(detail.ledger()).extracting(LedgerRow::sequence).isSorted();
        assertThat(detail.ledger())
                .filteredOn(e -> e.type().equals("tool.call"))
                .first()
                .satisfies(e -> {
                    assertThat(e.node()).isEqualTo("tools");
                    assertThat(e.payload()).startsWith("{").contains("\"tool\":\"list_menu\"");
                });
    }

    @Test
    void pausesAndResumesTheAgent() {
        assertThat(client.pause(true)).isTrue();
        assertThat(shop.agent().paused()).isTrue();
        assertThat(client.snapshot(Snapshot.NONE).paused()).isTrue();

        assertThat(client.pause(false)).isFalse();
        assertThat(shop.agent().paused()).isFalse();
    }

    @Test
    void aWrongTokenIsToldAsSuch() {
        try (var wrong = new ManagementClient(shop.uri(), "not-the-token-of-this-server")) {
            assertThatThrownBy(() -> wrong.snapshot(Snapshot.NONE))
                    .isInstanceOf(ApiException.class)
                    .hasMessage("the management API at " + shop.uri() + " refused the token (401): check"
                            + " ZUPA_MANAGEMENT_TOKEN, it must be the token the ManagementServer was built with");
        }
    }

    @Test
    void anEndedOrUnknownSessionIsReportedWithTheServersReason() {
        var ghost = new SessionRow("burgers", "no-such-session", "", "", 0, Instant.EPOCH);

        assertThatThrownBy(() -> client.session(ghost))
                .isInstanceOf(ApiException.class)
                .hasMessage("GET " + shop.uri() + "sessions/no-such-session answered 404: no session no-such-session");
    }

    @Test
    void sendsTheTokenAsABearerHeaderAndSaysWhenTheAddressIsNotTheApi() throws InterruptedException {
        standIn.enqueue(new MockResponse.Builder()
                .code(200)
                .setHeader("Content-Type", "text/html")
                .body("<html>a web site</html>")
                .build());
        standIn.enqueue(new MockResponse.Builder()
                .code(404)
                .setHeader("Content-Type", "application/json")
                .body("{\"error\": \"no such endpoint: /zupa/metrics\"}")
                .build());
        var base = URI.create(standIn.url("/zupa").toString());

        try (var other = new ManagementClient(base, "0123456789abcdef")) {
            assertThatThrownBy(() -> other.get("sessions"))
                    .hasMessage("GET " + base + "/sessions answered 200 with something other than JSON: is " + base
                            + "/ the address of Zupa's management API?");
            assertThatThrownBy(() -> other.get("metrics"))
                    .hasMessage("GET " + base + "/metrics does not exist (404): is " + base
                            + "/ the management API's address?");
        }

        var first = standIn.takeRequest();
        assertThat(first.getMethod()).isEqualTo("GET");
        assertThat(first.getUrl().encodedPath()).isEqualTo("/zupa/sessions");
        assertThat(first.getHeaders().get("Authorization")).isEqualTo("Bearer 0123456789abcdef");
    }

    private void say(String text) throws InterruptedException {
        assertThat(shop.transport().say(ANA, "Ana", text)).isTrue();
        assertThat(shop.agent().awaitIdle(WAIT)).as("idle").isTrue();
    }
}
