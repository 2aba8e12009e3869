package dev.zupa.examples.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One session from {@code /sessions/{id}}: its row, when it started, how it ended ({@code ""} while open), its
 * summary ({@code ""} when none) and its recent ledger, oldest first.
 */
record SessionDetail(SessionRow session, Instant startedAt, String endedAt, String summary, List<LedgerRow> ledger) {

    SessionDetail {
        ledger = List.copyOf(ledger);
    }

    static SessionDetail of(JsonNode node) {
        var ledger = new ArrayList<LedgerRow>();
        node.path("ledger").forEach(entry -> ledger.add(LedgerRow.of(entry)));
        return new SessionDetail(
                SessionRow.of(node),
                Json.instant(node.path("startedAt")),
                node.path("endedAt").asText(""),
                node.path("summary").asText(""),
                ledger);
    }
}
