package dev.zupa.examples.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class DashboardViewTest {
    private static final String API = "http://127.0.0.1:9464/";
    private static final int WIDTH = 120;
    private static final int HEIGHT = 40;

    private final DashboardView view = new DashboardView(ZoneOffset.UTC);
    private final Navigation navigation = new Navigation();

    @Test
    void showsTheSummaryOnTopAndTheKeysAtTheBottom() {
        var lines = render(Fixtures.snapshot(Fixtures.threeSessions(), false, Fixtures.ready()), null, "");

        assertThat(lines).hasSize(HEIGHT).allSatisfy(l -> assertThat(l.text()).hasSize(WIDTH));
        assertThat(lines.get(0))
                .isEqualTo(new Line(
                        pad("Zupa dashboard | " + API + " | agent running | transport READY | at 09:00:10"),
                        Line.Style.TITLE));
        assertThat(view.render(
                                new Board(
                                        API,
                                        navigation,
                                        Fixtures.snapshot(List.of(), false, Fixtures.ready()),
                                        null,
                                        ""),
                                160,
                                HEIGHT)
                        .get(1)
                        .text())
                .startsWith("turns/s 3.50 | turns 40 | failed turns 5.0% | failed sends 2.5% | active sessions 3"
                        + " | in flight 0 | received 45, duplicates 1, rejected 2");
        assertThat(lines.get(HEIGHT - 1)).isEqualTo(new Line(pad(DashboardView.LIST_KEYS), Line.Style.KEYS));
    }

    @Test
    void listsTheSessionsWithTheSelectedOneMarked() {
        navigation.sessions(Fixtures.threeSessions());
        navigation.press(Key.DOWN);

        var lines = render(Fixtures.snapshot(Fixtures.threeSessions(), false, Fixtures.ready()), null, "");

        assertThat(text(lines)).contains("SESSIONS (3 active)");
        var rows = lines.stream().filter(l -> l.text().contains(" s-")).toList();
        assertThat(rows)
                .extracting(l -> l.text().strip())
                .satisfiesExactly(
                        ana -> assertThat(ana)
                                .startsWith("s-ana")
                                .contains("Ana", " 5  09:00:09", "burgers", "demo:+15553"),
                        bruno -> assertThat(bruno).startsWith("> s-bruno").contains("Bruno", " 2  09:00:05"),
                        chen -> assertThat(chen).startsWith("s-chen").contains(" 7  08:59:58"));
        assertThat(rows)
                .extracting(Line::style)
                .containsExactly(Line.Style.NORMAL, Line.Style.SELECTED, Line.Style.NORMAL);
    }

    @Test
    void showsTheLatencyPercentilesOfEachStageInReadableUnits() {
        var lines = text(render(Fixtures.snapshot(List.of(), false, Fixtures.ready()), null, ""));

        assertThat(lines).contains("  no active session");
        assertThat(row(lines, "  turn "))
                .isEqualTo(
                        "  turn                       completed         38      98 ms     1.21 s     1.29 s     1.30 s");
        assertThat(row(lines, "  reply "))
                .isEqualTo(
                        "  reply                                        39          -          -          -     1.25 s");
        assertThat(row(lines, "  model call                 timeout"))
                .isEqualTo(
                        "  model call                 timeout            4    30.00 s    30.00 s    30.00 s    30.00 s");
        assertThat(row(lines, "  transport send"))
                .isEqualTo(
                        "  transport send             success           40     0.3 ms     0.8 ms     0.9 ms     0.9 ms");
    }

    @Test
    void showsEachBreakerAndMarksTheOnesNotClosed() {
        var lines = render(Fixtures.snapshot(List.of(), false, Fixtures.ready()), null, "");

        var model = lines.stream()
                .filter(l -> l.text().startsWith("  model  "))
                .findFirst()
                .orElseThrow();
        assertThat(model.text().stripTrailing())
                .isEqualTo("  model                      half-open         40          4      10.0%");
        assertThat(model.style()).isEqualTo(Line.Style.ALERT);
        var transport = lines.stream()
                .filter(l -> l.text().startsWith("  transport  "))
                .findFirst()
                .orElseThrow();
        assertThat(transport.style()).isEqualTo(Line.Style.NORMAL);
    }

    @Test
    void aPausedAgentTurnsTheTitleIntoAnAlert() {
        var title = render(Fixtures.snapshot(List.of(), true, Fixtures.ready()), null, "")
                .get(0);

        assertThat(title.text()).contains("| agent PAUSED |");
        assertThat(title.style()).isEqualTo(Line.Style.ALERT);
    }

    @Test
    void showsTheQrCodeToScanInsteadOfTheSessionsWhileTheTransportWaitsForOne() {
        var waiting = new TransportState("QR_REQUESTED", "2@zupa-dashboard-test-code", "");

        var lines = text(render(Fixtures.snapshot(Fixtures.threeSessions(), false, waiting), null, ""));

        assertThat(lines.get(2)).startsWith("transport QR_REQUESTED: scan the code below with WhatsApp");
        assertThat(lines).noneMatch(l -> l.contains("SESSIONS"));
        assertThat(lines).anyMatch(l -> l.contains("\u2588"));
        assertThat(lines).anyMatch(l -> l.startsWith("LATENCY PER STAGE"));
    }

    @Test
    void tellsWhyTheTransportIsNotReady() {
        var failed = new TransportState("AUTH_FAILED", "", "logged out from the phone");

        var line = render(Fixtures.snapshot(List.of(), false, failed), null, "").get(2);

        assertThat(line.text().strip()).isEqualTo("transport AUTH_FAILED: logged out from the phone");
        assertThat(line.style()).isEqualTo(Line.Style.ALERT);
    }

    @Test
    void saysItIsConnectingBeforeTheFirstPollAndShowsTheStatusAboveTheKeys() {
        var lines = render(Snapshot.NONE, null, "cannot reach the management API");

        assertThat(lines.get(0).text()).startsWith("Zupa dashboard | " + API + " | connecting...");
        assertThat(lines.get(HEIGHT - 2)).isEqualTo(new Line(pad("cannot reach the management API"), Line.Style.ALERT));
    }

    @Test
    void keepsTheSelectedSessionInViewOnASmallTerminal() {
        var many = new ArrayList<SessionRow>();
        for (int i = 0; i < 30; i++) {
            many.add(Fixtures.session("s-%02d".formatted(i), "User" + i, i, "2026-03-02T09:00:00Z"));
        }
        navigation.sessions(many);
        for (int i = 0; i < 25; i++) {
            navigation.press(Key.DOWN);
        }

        var lines = view.render(
                new Board(API, navigation, Fixtures.snapshot(many, false, Fixtures.ready()), null, ""), 100, 30);

        assertThat(lines).hasSize(30);
        assertThat(lines)
                .filteredOn(l -> l.style() == Line.Style.SELECTED)
                .singleElement()
                .satisfies(l -> assertThat(l.text()).startsWith("> s-25"));
        assertThat(lines.get(29).text()).startsWith(DashboardView.LIST_KEYS);
    }

    @Test
    void cutsLongLinesToTheTerminalsWidth() {
        var lines = view.render(
                new Board(API, navigation, Fixtures.snapshot(List.of(), false, Fixtures.ready()), null, ""), 40, 12);

        assertThat(lines).hasSize(12).allSatisfy(l -> assertThat(l.text()).hasSize(40));
        assertThat(lines.get(1).text()).endsWith("~");
    }

    @Test
    void showsTheOpenSessionsRecentLedgerNewestLast() {
        var sessions = Fixtures.threeSessions();
        navigation.sessions(sessions);
        navigation.press(Key.ENTER);
        var ledger = new ArrayList<LedgerRow>();
        for (int i = 1; i <= 60; i++) {
            ledger.add(new LedgerRow(
                    100 + i,
                    Instant.parse("2026-03-02T09:00:00Z").plusSeconds(i),
                    i == 60 ? "turn.failed" : "model.call",
                    "model",
                    "{\"millis\":" + i + "}"));
        }
        var detail = new SessionDetail(sessions.get(0), Instant.parse("2026-03-02T08:55:00Z"), "", "", ledger);

        var lines = render(Fixtures.snapshot(sessions, false, Fixtures.ready()), detail, "");

        var texts = text(lines);
        assertThat(texts).contains("SESSION s-ana", "RECENT LEDGER (60 entries, newest last)");
        assertThat(texts)
                .anyMatch(
                        l -> l.startsWith(
                                "user Ana (demo:+15553) | agent burgers | turns 5 | started 08:55:00 | last active 09:00:09 | open"));
        assertThat(lines.get(HEIGHT - 2))
                .isEqualTo(new Line(
                        pad("     160  09:01:00 turn.failed           model       {\"millis\":60}"), Line.Style.ALERT));
        assertThat(texts.get(HEIGHT - 3)).startsWith("     159  09:00:59 model.call            model       ");
        assertThat(lines.get(HEIGHT - 1)).isEqualTo(new Line(pad(DashboardView.LEDGER_KEYS), Line.Style.KEYS));
        assertThat(texts).noneMatch(l -> l.contains("SESSIONS ("));
    }

    @Test
    void saysTheLedgerIsLoadingUntilTheOpenSessionsDetailArrives() {
        var sessions = Fixtures.threeSessions();
        navigation.sessions(sessions);
        navigation.press(Key.DOWN);
        navigation.press(Key.ENTER);
        // the detail of the session opened before, still in hand
        var stale = new SessionDetail(sessions.get(0), Instant.EPOCH, "", "", List.of());

        var texts = text(render(Fixtures.snapshot(sessions, false, Fixtures.ready()), stale, ""));

        assertThat(texts).contains("SESSION s-bruno", "loading its ledger...");
    }

    @Test
    void writesNumbersTheSameWayEverywhere() {
        assertThat(Figures.millis(Double.NaN)).isEqualTo("-");
        assertThat(Figures.millis(0.25)).isEqualTo("0.3 ms");
        assertThat(Figures.millis(9.94)).isEqualTo("9.9 ms");
        assertThat(Figures.millis(12.4)).isEqualTo("12 ms");
        assertThat(Figures.millis(999.4)).isEqualTo("999 ms");
        assertThat(Figures.millis(1234)).isEqualTo("1.23 s");
        assertThat(Figures.percent(0.125)).isEqualTo("12.5%");
        assertThat(Figures.rate(3.456)).isEqualTo("3.46");
        assertThat(Figures.left("abcdef", 4)).isEqualTo("abc~");
        assertThat(Figures.right("ab", 4)).isEqualTo("  ab");
    }

    private List<Line> render(Snapshot snapshot, @Nullable SessionDetail detail, String status) {
        navigation.sessions(snapshot.sessions());
        return view.render(new Board(API, navigation, snapshot, detail, status), WIDTH, HEIGHT);
    }

    private static List<String> text(List<Line> lines) {
        return lines.stream().map(l -> l.text().stripTrailing()).toList();
    }

    private static String row(List<String> lines, String prefix) {
        return lines.stream().filter(l -> l.startsWith(prefix)).findFirst().orElseThrow();
    }

    private static String pad(String text) {
        return Figures.left(text, WIDTH);
    }
}
