package dev.zupa.examples.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The transport's login state from {@code /transport}: {@code READY}, {@code QR_REQUESTED} (with the code to scan),
 * {@code AUTHENTICATED}, {@code AUTH_FAILED} or {@code DISCONNECTED} (with the reason), or {@code UNREPORTED}. With
 * several agents the worst state is shown, since that is the one an operator must act on.
 */
record TransportState(String state, String qr, String reason) {
    static final TransportState UNKNOWN = new TransportState("UNREPORTED", "", "");

    /** Worst first; a state the dashboard does not know ranks as unreported. */
    private static final List<String> BY_URGENCY =
            List.of("AUTH_FAILED", "DISCONNECTED", "QR_REQUESTED", "UNREPORTED", "AUTHENTICATED", "READY");

    boolean ready() {
        return state.equals("READY");
    }

    boolean waitsForQr() {
        return state.equals("QR_REQUESTED") && !qr.isEmpty();
    }

    static TransportState of(JsonNode body) {
        var states = new ArrayList<TransportState>();
        body.path("agents")
                .forEach(a -> states.add(new TransportState(
                        a.path("state").asText("UNREPORTED"),
                        a.path("qr").asText(""),
                        a.path("reason").asText(""))));
        return states.stream()
                .min((a, b) -> Integer.compare(urgency(a), urgency(b)))
                .orElse(UNKNOWN);
    }

    private static int urgency(TransportState s) {
        int rank = BY_URGENCY.indexOf(s.state());
        return rank < 0 ? BY_URGENCY.indexOf("UNREPORTED") : rank;
    }
}
