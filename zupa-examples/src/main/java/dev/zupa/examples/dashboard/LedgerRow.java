package dev.zupa.examples.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/** One ledger entry of a session, with its payload as one line of JSON. */
record LedgerRow(long sequence, Instant recordedAt, String type, String node, String payload) {

    static LedgerRow of(JsonNode entry) {
        var payload = entry.path("payload");
        return new LedgerRow(
                entry.path("sequence").asLong(),
                Json.instant(entry.path("recordedAt")),
                entry.path("type").asText(""),
                entry.path("node").asText(""),
                payload.isTextual() ? payload.asText() : payload.toString());
    }
}
