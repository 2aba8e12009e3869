package dev.zupa.examples.dashboard;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Objects;

/**
 * The management API as the dashboard uses it: GETs of {@code /sessions}, {@code /sessions/{id}}, {@code /metrics}
 * and {@code /transport}, and POSTs of {@code /pause} and {@code /resume}, each with the bearer token. Every failure is
 * an {@link ApiException} whose message names the address and what to check. Thread-safe.
 */
final class ManagementClient implements AutoCloseable {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final ObjectMapper JSON = new ObjectMapper();
    static final int LEDGER_ENTRIES = 100;

    private final URI base;
    private final String token;
    private final HttpClient http;

    ManagementClient(URI base, String token) {
        this.base = withSlash(Objects.requireNonNull(base, "base"));
        this.token = Objects.requireNonNull(token, "token");
        this.http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    }

    URI base() {
        return base;
    }

    /** Everything the overview shows; {@code previous} is the last poll, for the turn rate. */
    Snapshot snapshot(Snapshot previous) {
        var sessions = new ArrayList<SessionRow>();
        get("sessions").path("sessions").forEach(s -> sessions.add(SessionRow.of(s)));
        var metrics = MetricsSummary.of(get("metrics"));
        var transport = TransportState.of(get("transport"));
        return new Snapshot(sessions, metrics, transport, metrics.turnsPerSecondSince(previous.metrics()));
    }

    /** One session with its recent ledger. */
    SessionDetail session(SessionRow row) {
        var path = "sessions/" + encode(row.id()) + "?ledger=" + LEDGER_ENTRIES
                + (row.agent().isEmpty() ? "" : "&agent=" + encode(row.agent()));
        return SessionDetail.of(get(path));
    }

    /** Pauses every agent of the server, or resumes them; true when they are paused afterwards. */
    boolean pause(boolean pause) {
        var body = send(HttpRequest.newBuilder(base.resolve(pause ? "pause" : "resume"))
                .POST(HttpRequest.BodyPublishers.noBody()));
        boolean paused = false;
        for (var agent : body.path("agents")) {
            paused |= agent.path("paused").asBoolean();
        }
        return paused;
    }

    JsonNode get(String path) {
        return send(HttpRequest.newBuilder(base.resolve(path)).GET());
    }

    private JsonNode send(HttpRequest.Builder builder) {
        var request = builder.timeout(TIMEOUT)
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/json")
                .build();
        // the address without the query string: the dashboard never puts the token there, but a user's URL might
        var where = request.method() + " " + base.resolve(request.uri().getRawPath());
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (ConnectException e) {
            throw new ApiException(
                    "cannot reach the management API at " + base + " (connection refused): is the agent running with"
                            + " a ManagementServer on that address?",
                    e);
        } catch (HttpTimeoutException e) {
            throw new ApiException("the management API at " + base + " did not answer within " + TIMEOUT, e);
        } catch (IOException e) {
            throw new ApiException("cannot reach the management API at " + base + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException("interrupted while calling " + where, e);
        }
        return answer(where, response.statusCode(), response.body());
    }

    private JsonNode answer(String where, int status, String text) {
        if (status == 401) {
            throw new ApiException("the management API at " + base + " refused the token (401): check"
                    + " ZUPA_MANAGEMENT_TOKEN, it must be the token the ManagementServer was built with");
        }
        JsonNode body;
        try {
            body = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new ApiException(where + " answered " + status + " with something other than JSON: is " + base
                    + " the address of Zupa's management API?");
        }
        if (status == 404 && body.path("error").asText("").startsWith("no such endpoint")) {
            throw new ApiException(where + " does not exist (404): is " + base + " the management API's address?");
        }
        if (status >= 400) {
            throw new ApiException(
                    where + " answered " + status + ": " + body.path("error").asText(text));
        }
        return body;
    }

    @Override
    public void close() {
        http.close();
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static URI withSlash(URI uri) {
        var text = uri.toString();
        return text.endsWith("/") ? uri : URI.create(text + "/");
    }
}
