package dev.zupa.examples.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/** One session as the sessions table shows it, read from an entry of {@code /sessions}. */
record SessionRow(String agent, String id, String user, String address, long turns, Instant lastActiveAt) {

    static SessionRow of(JsonNode node) {
        var address = node.path("address").asText("");
        var transport = node.path("transport").asText("");
        return new SessionRow(
                node.path("agent").asText(""),
                node.path("id").asText(""),
                // a session whose user is not in the directory any more still has its user id
                node.path("user").asText(node.path("userId").asText("")),
                transport.isEmpty() ? address : transport + ":" + address,
                node.path("turns").asLong(),
                Json.instant(node.path("lastActiveAt")));
    }
}
