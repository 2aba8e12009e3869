package dev.zupa.examples.dashboard;

import java.util.List;

/** One poll of the management API: the active sessions, the metrics, the transport, and the turn rate since the last. */
record Snapshot(List<SessionRow> sessions, MetricsSummary metrics, TransportState transport, double turnsPerSecond) {

    /** Before the first poll. */
    static final Snapshot NONE = new Snapshot(List.of(), MetricsSummary.EMPTY, TransportState.UNKNOWN, 0);

    Snapshot {
        sessions = List.copyOf(sessions);
    }

    boolean paused() {
        return metrics.paused();
    }
}
