package dev.zupa.examples.dashboard;

import static dev.zupa.examples.dashboard.Figures.left;
import static dev.zupa.examples.dashboard.Figures.right;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The body of one session's page: who and when, then its newest ledger entries that fit, newest last. */
final class LedgerPage {
    private final DateTimeFormatter time;

    LedgerPage(DateTimeFormatter time) {
        this.time = time;
    }

    List<Line> lines(SessionRow open, @Nullable SessionDetail detail, int room) {
        var lines = new ArrayList<Line>();
        lines.add(Line.of(""));
        lines.add(new Line("SESSION " + open.id(), Line.Style.HEADER));
        if (detail == null || !detail.session().id().equals(open.id())) {
            lines.add(Line.of("loading its ledger..."));
            return lines;
        }
        var s = detail.session();
        lines.add(Line.of("user " + s.user() + (s.address().isEmpty() ? "" : " (" + s.address() + ")") + " | agent "
                + s.agent() + " | turns " + s.turns() + " | started " + time(detail.startedAt()) + " | last active "
                + time(s.lastActiveAt()) + " | " + (detail.endedAt().isEmpty() ? "open" : "ended")));
        if (!detail.summary().isEmpty()) {
            lines.add(Line.of("summary: " + detail.summary().replaceAll("\\s+", " ")));
        }
        lines.add(Line.of(""));
        var ledger = detail.ledger();
        lines.add(new Line("RECENT LEDGER (" + ledger.size() + " entries, newest last)", Line.Style.HEADER));
        lines.add(new Line(
                right("SEQ", 8) + "  " + left("TIME", 9) + left("TYPE", 21) + " " + left("NODE", 11) + " " + "PAYLOAD",
                Line.Style.HEADER));
        if (ledger.isEmpty()) {
            lines.add(Line.of("  no entries"));
        }
        int fits = Math.max(1, room - lines.size());
        for (var entry : ledger.subList(Math.max(0, ledger.size() - fits), ledger.size())) {
            lines.add(new Line(
                    right(Long.toString(entry.sequence()), 8) + "  " + left(time(entry.recordedAt()), 9)
                            + left(entry.type(), 21) + " " + left(entry.node(), 11) + " " + entry.payload(),
                    entry.type().endsWith("failed") || entry.type().endsWith("rejected")
                            ? Line.Style.ALERT
                            : Line.Style.NORMAL));
        }
        return lines;
    }

    private String time(Instant at) {
        return at.equals(Instant.EPOCH) ? "-" : time.format(at);
    }
}
