package dev.zupa.examples.dashboard;

import static dev.zupa.examples.dashboard.Figures.left;
import static dev.zupa.examples.dashboard.Figures.millis;
import static dev.zupa.examples.dashboard.Figures.percent;
import static dev.zupa.examples.dashboard.Figures.right;

import dev.zupa.adapters.whatsappweb.QrCodes;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a {@link Board} into the lines of one screen: the overview (summary, sessions, latency, breakers) or one
 * session's ledger, always with the title on top and the keys at the bottom. Pure, so that tests read what an
 * operator would see without a terminal. Thread-safe.
 */
final class DashboardView {
    static final String LIST_KEYS = "Up/Down select  Enter ledger  p pause/resume  q quit";
    static final String LEDGER_KEYS = "Esc/Backspace back  p pause/resume  q quit";

    private final DateTimeFormatter time;
    private final LedgerPage ledger;

    /** Times are shown in this zone; tests pass UTC. */
    DashboardView(ZoneId zone) {
        this.time = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(zone);
        this.ledger = new LedgerPage(time);
    }

    List<Line> render(Board board, int width, int height) {
        var top = top(board);
        var bottom = new ArrayList<Line>();
        if (!board.status().isEmpty()) {
            bottom.add(new Line(board.status(), Line.Style.ALERT));
        }
        var open = board.navigation().openSession();
        bottom.add(new Line(open.isPresent() ? LEDGER_KEYS : LIST_KEYS, Line.Style.KEYS));
        int room = Math.max(0, height - top.size() - bottom.size());
        var body = open.isPresent() ? ledger.lines(open.get(), board.detail(), room) : overview(board, room);
        var lines = new ArrayList<Line>(top);
        lines.addAll(body.subList(0, Math.min(room, body.size())));
        while (lines.size() < height - bottom.size()) {
            lines.add(Line.of(""));
        }
        lines.addAll(bottom);
        return lines.stream()
                .limit(height)
                .map(l -> new Line(left(l.text(), width), l.style()))
                .toList();
    }

    private List<Line> top(Board board) {
        var s = board.snapshot();
        var m = s.metrics();
        var lines = new ArrayList<Line>();
        if (s == Snapshot.NONE) {
            lines.add(new Line("Zupa dashboard | " + board.api() + " | connecting...", Line.Style.TITLE));
            return lines;
        }
        lines.add(new Line(
                "Zupa dashboard | " + board.api() + " | agent " + (s.paused() ? "PAUSED" : "running") + " | transport "
                        + s.transport().state() + " | at " + time(m.at()),
                s.paused() ? Line.Style.ALERT : Line.Style.TITLE));
        lines.add(Line.of("turns/s " + Figures.rate(s.turnsPerSecond()) + " | turns " + m.turns()
                + " | failed turns " + percent(m.turnFailureRate()) + " | failed sends " + percent(m.sendFailureRate())
                + " | active sessions " + m.activeSessions() + " | in flight " + m.inFlight() + " | received "
                + m.received() + ", duplicates " + m.duplicates() + ", rejected " + m.rejected()));
        var transport = s.transport();
        if (!transport.ready()) {
            lines.add(new Line("transport " + transport.state() + explain(transport), Line.Style.ALERT));
        }
        return lines;
    }

    private static String explain(TransportState transport) {
        if (transport.waitsForQr()) {
            return ": scan the code below with WhatsApp (Settings > Linked devices > Link a device)";
        }
        if (!transport.reason().isEmpty()) {
            return ": " + transport.reason();
        }
        return transport.state().equals("UNREPORTED") ? ": no connection event yet (is the agent started?)" : "";
    }

    private List<Line> overview(Board board, int room) {
        var s = board.snapshot();
        var lines = new ArrayList<Line>();
        var rest = new ArrayList<Line>();
        latency(s.metrics(), rest);
        breakers(s.metrics(), rest);
        if (s.transport().waitsForQr()) {
            lines.add(Line.of(""));
            qr(s.transport().qr()).forEach(q -> lines.add(Line.of(q)));
        } else {
            // the sessions table gets what latency and breakers leave, and at least three rows
            sessions(board.navigation(), Math.max(3, room - rest.size() - 3), lines);
        }
        lines.addAll(rest);
        return lines;
    }

    private void sessions(Navigation navigation, int rows, List<Line> lines) {
        var sessions = navigation.rows();
        lines.add(Line.of(""));
        lines.add(new Line("SESSIONS (" + sessions.size() + " active)", Line.Style.HEADER));
        lines.add(new Line(
                "  " + left("SESSION", 38) + " " + left("USER", 18) + " " + right("TURNS", 6) + "  "
                        + left("LAST ACTIVE", 11) + " " + left("AGENT", 12) + " ADDRESS",
                Line.Style.HEADER));
        if (sessions.isEmpty()) {
            lines.add(Line.of("  no active session"));
            return;
        }
        int selected = navigation.index();
        // keep the selected row in view: scroll just far enough
        int first = Math.max(0, Math.min(selected - rows + 1, sessions.size() - rows));
        for (int i = first; i < Math.min(sessions.size(), first + rows); i++) {
            var row = sessions.get(i);
            var text = (i == selected ? "> " : "  ") + left(row.id(), 38) + " " + left(row.user(), 18) + " "
                    + right(Long.toString(row.turns()), 6) + "  " + left(time(row.lastActiveAt()), 11) + " "
                    + left(row.agent(), 12) + " " + row.address();
            lines.add(new Line(text, i == selected ? Line.Style.SELECTED : Line.Style.NORMAL));
        }
    }

    private static void latency(MetricsSummary metrics, List<Line> lines) {
        lines.add(Line.of(""));
        lines.add(new Line("LATENCY PER STAGE", Line.Style.HEADER));
        lines.add(new Line(
                "  " + left("STAGE", 26) + " " + left("OUTCOME", 12) + right("COUNT", 8) + right("P50", 11)
                        + right("P95", 11) + right("P99", 11) + right("MAX", 11),
                Line.Style.HEADER));
        if (metrics.stages().isEmpty()) {
            lines.add(Line.of("  no turn or provider call yet"));
        }
        for (var stage : metrics.stages()) {
            lines.add(Line.of("  " + left(stage.stage(), 26) + " " + left(stage.outcome(), 12)
                    + right(Long.toString(stage.count()), 8) + right(millis(stage.p50()), 11)
                    + right(millis(stage.p95()), 11) + right(millis(stage.p99()), 11)
                    + right(millis(stage.max()), 11)));
        }
    }

    private static void breakers(MetricsSummary metrics, List<Line> lines) {
        lines.add(Line.of(""));
        lines.add(new Line("CIRCUIT BREAKERS", Line.Style.HEADER));
        lines.add(new Line(
                "  " + left("PROVIDER", 26) + " " + left("STATE", 12) + right("CALLS", 8) + right("ERRORS", 11)
                        + right("ERROR RATE", 11),
                Line.Style.HEADER));
        if (metrics.breakers().isEmpty()) {
            lines.add(Line.of("  no provider called yet"));
        }
        for (var breaker : metrics.breakers()) {
            lines.add(new Line(
                    "  " + left(breaker.provider(), 26) + " " + left(breaker.state(), 12)
                            + right(Long.toString(breaker.calls()), 8) + right(Long.toString(breaker.errors()), 11)
                            + right(percent(breaker.errorRate()), 11),
                    breaker.state().equals("closed") ? Line.Style.NORMAL : Line.Style.ALERT));
        }
    }

    /** The QR code drawn with block characters, or its text when it cannot be drawn. */
    private static List<String> qr(String payload) {
        try {
            return QrCodes.terminal(payload).lines().toList();
        } catch (IllegalArgumentException e) {
            return List.of("QR code: " + payload);
        }
    }

    private String time(Instant at) {
        return at.equals(Instant.EPOCH) ? "-" : time.format(at);
    }
}
