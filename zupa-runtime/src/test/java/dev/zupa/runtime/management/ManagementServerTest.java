package dev.zupa.runtime.management;

import static dev.zupa.runtime.management.ServerRig.TOKEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.zupa.core.transport.TransportEvent;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@Timeout(60)
class ManagementServerTest {
    private ServerRig rig;

    @BeforeEach
    void start() throws Exception {
        rig = new ServerRig();
        for (int i = 0; i < 12; i++) {
            rig.load.send(i);
        }
    }

    @AfterEach
    void stop() {
        rig.close();
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
        "GET, /",
        "GET, /sessions",
        "GET, /sessions/{session}",
        "POST, /sessions/{session}/end",
        "GET, /ledger",
        "GET, /metrics",
        "GET, /metrics/prometheus",
        "GET, /sla",
        "GET, /transport",
        "GET, /events",
        "POST, /pause",
        "POST, /resume"
    })
    void everyEndpointButTheProbesNeedsTheToken(String method, String template) {
        var path = template.replace(
                "{session}",
                rig.get("/sessions", TOKEN).json().at("/sessions/0/id").asText());
        for (var token : List.of("", "wrong-token-of-the-right-length")) {
            var request = HttpRequest.newBuilder(rig.uri(path)).method(method, HttpRequest.BodyPublishers.noBody());
            if (!token.isEmpty()) {
                request.header("Authorization", "Bearer " + token);
            }
            var answer = rig.send(request.build());
            assertThat(answer.status())
                    .as("%s %s with token '%s'", method, path, token)
                    .isEqualTo(401);
            assertThat(answer.json().path("error").asText()).contains("token");
            assertThat(answer.response().headers().firstValue("WWW-Authenticate"))
                    .hasValue("Bearer");
        }
        if (!path.equals("/events")) {
            var answer = rig.send(HttpRequest.newBuilder(rig.uri(path))
                    .method(method, HttpRequest.BodyPublishers.noBody())
                    .header("Authorization", "Bearer " + TOKEN)
                    .build());
            assertThat(answer.status()).as("%s %s with the token", method, path).isBetween(200, 299);
        }
    }

    @Test
    void theTokenInTheQueryStringCountsForGetOnly() {
        assertThat(rig.get("/metrics?token=" + TOKEN, "").status()).isEqualTo(200);
        assertThat(rig.post("/pause?token=" + TOKEN, "", "").status()).isEqualTo(401);
        assertThat(rig.load.agent.paused()).isFalse();
    }

    @Test
    void healthIsOpenAndReadinessFollowsTheTransportAndPause() {
        var health = rig.get("/health", "");
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().path("status").asText()).isEqualTo("UP");

        var unreported = rig.get("/ready", "");
        assertThat(unreported.status()).isEqualTo(503);
        assertThat(unreported.json().at("/agents/0/transport").asText()).isEqualTo("UNREPORTED");

        rig.load.transport.emit(new TransportEvent.Ready());
        var ready = rig.get("/ready", "");
        assertThat(ready.status()).isEqualTo(200);
        assertThat(ready.json().path("ready").asBoolean()).isTrue();

        rig.load.agent.pause();
        assertThat(rig.get("/ready", "").status()).isEqualTo(503);
        rig.load.agent.resume();
        rig.load.transport.emit(new TransportEvent.Disconnected("phone offline"));
        assertThat(rig.get("/ready", "").status()).isEqualTo(503);
    }

    @Test
    void listsActiveSessionsAndShowsOneWithItsLedger() {
        var sessions = rig.get("/sessions", TOKEN).json().path("sessions");
        assertThat(sessions).hasSize(ScriptedLoad.USERS);
        var first = sessions.get(0);
        assertThat(first.path("agent").asText()).isEqualTo("load");
        assertThat(first.path("user").asText()).startsWith("user-");
        assertThat(first.path("address").asText()).startsWith("user-");
        assertThat(first.has("lastActiveAt")).isTrue();

        var id = first.path("id").asText();
        var detail = rig.get("/sessions/" + id + "?ledger=200", TOKEN).json();
        assertThat(detail.path("id").asText()).isEqualTo(id);
        assertThat(types(detail.path("ledger"))).contains("model.call", "outbound.stored", "outbound.sent");
        assertThat(detail.at("/ledger/0/payload").isObject()
                        || detail.at("/ledger/0/payload").isTextual())
                .isTrue();

        var missing = rig.get("/sessions/no-such-session", TOKEN);
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json().path("error").asText()).isEqualTo("no session no-such-session");
    }

    @Test
    void endsASessionOnce() {
        var id = rig.get("/sessions", TOKEN).json().at("/sessions/0/id").asText();

        var ended = rig.post("/sessions/" + id + "/end", TOKEN, "{\"reason\": \"spam\"}");
        assertThat(ended.status()).isEqualTo(200);
        assertThat(ended.json().path("ended").asBoolean()).isTrue();
        var again = rig.post("/sessions/" + id + "/end", TOKEN, "");
        assertThat(again.status()).isEqualTo(409);
        assertThat(rig.get("/sessions", TOKEN).json().path("sessions")).hasSize(ScriptedLoad.USERS - 1);
        assertThat(rig.get("/sessions/" + id, TOKEN).json().path("summary").asText())
                .isNotBlank();
        assertThat(rig.post("/sessions/" + id + "/end", TOKEN, "not json").status())
                .isEqualTo(400);
    }

    @Test
    void pausesAndResumes() throws Exception {
        var paused = rig.post("/pause", TOKEN, "");
        assertThat(paused.json().at("/agents/0/paused").asBoolean()).isTrue();
        assertThat(rig.load.agent.paused()).isTrue();
        int before = rig.load.transport.sent().size();
        rig.load.transport.receiveText("user-1", "while-paused", "m1");
        assertThat(rig.load.agent.awaitIdle(Duration.ofMillis(200))).isFalse();
        assertThat(rig.load.transport.sent()).hasSize(before);

        var resumed = rig.post("/resume", TOKEN, "");
        assertThat(resumed.json().at("/agents/0/paused").asBoolean()).isFalse();
        assertThat(rig.load.transport.awaitSent(before + 1, ScriptedLoad.WAIT)).hasSize(before + 1);
        assertThat(rig.get("/pause?agent=nobody", TOKEN).status()).isEqualTo(405);
        assertThat(rig.post("/pause?agent=nobody", TOKEN, "").status()).isEqualTo(404);
    }

    @Test
    void readsTheLedgerByThreadTypeAndPage() {
        var page = rig.get("/ledger?type=inbound.received&limit=5", TOKEN).json();
        assertThat(page.path("entries")).hasSize(5);
        assertThat(types(page.path("entries"))).containsOnly("inbound.received");
        assertThat(page.at("/entries/0/thread").asText()).isEqualTo("zupa:inbox");
        assertThat(page.at("/entries/0/payload/message/text").asText()).isEqualTo("m0");

        var next = rig.get(
                        "/ledger?type=inbound.received&limit=5&after="
                                + page.path("next").asLong(),
                        TOKEN)
                .json();
        assertThat(next.at("/entries/0/payload/message/text").asText()).isEqualTo("m5");

        var session = rig.get("/sessions", TOKEN).json().at("/sessions/0/id").asText();
        var thread = rig.get("/ledger?thread=" + session + "&type=model.call,tool.call", TOKEN)
                .json();
        assertThat(types(thread.path("entries"))).isNotEmpty().allMatch(t -> t.endsWith(".call"));

        var bad = rig.get("/ledger?limit=0", TOKEN);
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().path("error").asText()).isEqualTo("limit must be between 1 and 1000, got 0");
    }

    @Test
    void servesMetricsAsJsonAndPrometheusText() {
        var meters = rig.get("/metrics", TOKEN).json().path("meters");
        assertThat(meter(meters, "zupa.turn.completed").path("value").asDouble())
                .isEqualTo(12 - ScriptedLoad.count(i -> i < 12 && ScriptedLoad.fails(i)));
        var turns = meter(meters, "zupa.turn.duration");
        assertThat(turns.path("type").asText()).isEqualTo("timer");
        assertThat(turns.has("p50Ms") && turns.has("p95Ms") && turns.has("p99Ms"))
                .isTrue();
        assertThat(meter(meters, "zupa.sessions.active").path("value").asDouble())
                .isEqualTo(ScriptedLoad.USERS);

        var prometheus = rig.get("/metrics/prometheus", TOKEN);
        assertThat(prometheus.response().headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
        assertThat(prometheus.body())
                .contains("zupa_turn_completed_total{agent=\"load\"}")
                .contains("zupa_turn_duration_seconds_bucket");
    }

    @Test
    void openMetricsCarriesExemplarsPointingAtTurns() {
        var request = java.net.http.HttpRequest.newBuilder(rig.uri("/metrics/prometheus"))
                .header("Authorization", "Bearer " + TOKEN)
                .header("Accept", "application/openmetrics-text; version=1.0.0")
                .GET()
                .build();
        var answer = rig.send(request);

        assertThat(answer.response().headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/openmetrics-text"));
        // a histogram bucket of the turn timer names a turn's correlation id, which finds its ledger entries
        var exemplar = java.util.regex.Pattern.compile(
                        "zupa_turn_duration_seconds_bucket\\{[^}]*\\} \\d+ # \\{span_id=\"([^\"]+)\",trace_id=\"([^\"]+)\"\\}")
                .matcher(answer.body());
        assertThat(exemplar.find()).as("an exemplar in:%n%s", answer.body()).isTrue();
        var correlationId = exemplar.group(2);
        var entries = rig.get("/ledger?limit=1000", TOKEN).body();
        assertThat(entries).contains(correlationId);
    }

    @Test
    void reportsTheSlaOverAWindow() {
        var report = rig.get("/sla?window=PT1H", TOKEN);
        assertThat(report.status()).isEqualTo(200);
        var json = report.json();
        assertThat(json.path("agent").asText()).isEqualTo("load");
        assertThat(json.path("eligible").asLong()).isEqualTo(12);
        assertThat(json.at("/outcomes/ANSWERED").asLong()
                        + json.at("/outcomes/FAILED").asLong())
                .isEqualTo(12);
        assertThat(json.at("/slo/threshold").asText()).isEqualTo("PT8S");
        assertThat(json.has("missesLeft")).isTrue();

        var bad = rig.get("/sla?window=an-hour", TOKEN);
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().path("error").asText()).contains("ISO-8601");
    }

    @Test
    void showsTheTransportLoginState() {
        rig.load.transport.emit(new TransportEvent.QrRequested("2@qr-code-to-scan"));
        var qr = rig.get("/transport", TOKEN).json().at("/agents/0");
        assertThat(qr.path("state").asText()).isEqualTo("QR_REQUESTED");
        assertThat(qr.path("qr").asText()).isEqualTo("2@qr-code-to-scan");

        rig.load.transport.emit(new TransportEvent.AuthFailed("logged out on the phone"));
        var failed = rig.get("/transport", TOKEN).json().at("/agents/0");
        assertThat(failed.path("state").asText()).isEqualTo("AUTH_FAILED");
        assertThat(failed.path("reason").asText()).isEqualTo("logged out on the phone");
        assertThat(failed.has("qr")).isFalse();
    }

    @Test
    void streamsEventsLive() throws Exception {
        var request =
                HttpRequest.newBuilder(rig.uri("/events?token=" + TOKEN)).GET().build();
        var response = rig.client.send(request, HttpResponse.BodyHandlers.ofLines());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("text/event-stream"));
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread.ofVirtual().start(() -> response.body().forEach(lines::add));
        assertThat(lines.poll(20, TimeUnit.SECONDS)).isEqualTo(": subscribed");

        rig.load.send("live-1", 1);

        var seen = new ArrayList<String>();
        while (seen.stream().noneMatch(l -> l.contains("\"type\":\"OutboundSent\""))) {
            var line = lines.poll(20, TimeUnit.SECONDS);
            assertThat(line).as("events so far: %s", seen).isNotNull();
            seen.add(line);
        }
        var data = seen.stream().filter(l -> l.startsWith("data: ")).toList();
        assertThat(data).anyMatch(l -> l.contains("\"type\":\"InboundReceived\"") && l.contains("\"agent\":\"load\""));
        assertThat(data).anyMatch(l -> l.contains("\"type\":\"TurnCompleted\"") && l.contains("ok m1"));
        assertThat(data).anyMatch(l -> l.contains("\"type\":\"ProviderCalled\""));
        response.body().close();
    }

    @Test
    void answersUnknownPathsAndWrongMethodsWithJsonErrors() {
        var unknown = rig.get("/nothing-here", TOKEN);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().path("error").asText()).isEqualTo("no such endpoint: /nothing-here");

        var wrong = rig.post("/metrics", TOKEN, "");
        assertThat(wrong.status()).isEqualTo(405);
        assertThat(wrong.response().headers().firstValue("Allow")).hasValue("GET");
        assertThat(rig.get("/sessions/x/end", TOKEN).status()).isEqualTo(405);
    }

    @Test
    void servesTheDashboardPage() {
        var page = rig.get("/?token=" + TOKEN, "");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.response().headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(page.response().headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
        assertThat(page.body()).contains("<title>Zupa operations</title>", "new EventSource(");
    }

    @Test
    void refusesWeakTokensAndMissingAgents() {
        assertThatThrownBy(() -> ManagementServer.builder().token("short"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("token must be at least 16 characters");
        assertThatThrownBy(() -> ManagementServer.builder().token(TOKEN).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("the management server needs an agent: call agent(...)");
        assertThatThrownBy(
                        () -> ManagementServer.builder().agent(rig.load.agent).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("the management server needs a token: call token(...)");
    }

    private static List<String> types(JsonNode entries) {
        return StreamSupport.stream(entries.spliterator(), false)
                .map(e -> e.path("type").asText())
                .toList();
    }

    private static JsonNode meter(JsonNode meters, String name) {
        return StreamSupport.stream(meters.spliterator(), false)
                .filter(m -> m.path("name").asText().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no meter " + name + " in " + meters));
    }
}
