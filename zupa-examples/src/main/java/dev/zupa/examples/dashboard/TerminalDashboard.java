package dev.zupa.examples.dashboard;

import com.googlecode.lanterna.SGR;
import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.TextColor;
import com.googlecode.lanterna.graphics.TextGraphics;
import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.screen.Screen;
import com.googlecode.lanterna.terminal.DefaultTerminalFactory;
import com.googlecode.lanterna.terminal.ansi.UnixLikeTerminal;
import java.io.IOException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * The dashboard on a real terminal, through Lanterna's {@link Screen}: reads keys, hands them to the
 * {@link Navigation}, and paints what {@link DashboardView} renders whenever the {@link Poller} has news, a key moved
 * the cursor or the terminal was resized. Lanterna stays in this class.
 */
final class TerminalDashboard {
    private static final Duration POLL_INTERVAL = Duration.ofSeconds(1);
    /** How long the loop rests when there is neither a key nor news: short enough that keys feel immediate. */
    private static final long IDLE_MILLIS = 20;

    private final ManagementClient client;
    private final DashboardView view = new DashboardView(ZoneId.systemDefault());
    private final Navigation navigation = new Navigation();

    TerminalDashboard(ManagementClient client) {
        this.client = client;
    }

    /**
     * Runs until {@code q} (or Ctrl-C, or the end of the input), then gives the terminal back as it was.
     *
     * @throws IOException when the terminal cannot be opened or written
     */
    void run() throws IOException, InterruptedException {
        // a text terminal even where a desktop is available: the dashboard is for a shell, such as one over ssh
        var factory = new DefaultTerminalFactory()
                .setForceTextTerminal(true)
                .setUnixTerminalCtrlCBehaviour(UnixLikeTerminal.CtrlCBehaviour.TRAP);
        try (var poller = new Poller(client, POLL_INTERVAL).start();
                Screen screen = factory.createScreen()) {
            screen.startScreen();
            try {
                screen.setCursorPosition(null);
                loop(screen, poller);
            } finally {
                screen.stopScreen();
            }
        }
    }

    private void loop(Screen screen, Poller poller) throws IOException, InterruptedException {
        long drawn = -1;
        boolean dirty = true;
        while (true) {
            KeyStroke stroke = screen.pollInput();
            if (stroke != null) {
                var key = key(stroke);
                if (key.isPresent()) {
                    switch (navigation.press(key.get())) {
                        case Navigation.Action.Quit quit -> {
                            return;
                        }
                        case Navigation.Action.TogglePause toggle -> poller.togglePause();
                        case Navigation.Action.Open open -> {
                            // the ledger follows below
                        }
                        case Navigation.Action.None none -> {
                            // moved the cursor, or went back
                        }
                    }
                    poller.follow(navigation.openSession().orElse(null));
                    dirty = true;
                }
                continue;
            }
            boolean resized = screen.doResizeIfNecessary() != null;
            long version = poller.version();
            if (dirty || resized || version != drawn) {
                drawn = version;
                dirty = false;
                navigation.sessions(poller.snapshot().sessions());
                paint(screen, poller);
            } else {
                Thread.sleep(IDLE_MILLIS);
            }
        }
    }

    private void paint(Screen screen, Poller poller) throws IOException {
        TerminalSize size = screen.getTerminalSize();
        var board =
                new Board(client.base().toString(), navigation, poller.snapshot(), poller.detail(), poller.status());
        List<Line> lines = view.render(board, size.getColumns(), size.getRows());
        var graphics = screen.newTextGraphics();
        for (int row = 0; row < lines.size(); row++) {
            style(graphics, lines.get(row).style());
            graphics.putString(0, row, lines.get(row).text());
        }
        screen.refresh();
    }

    private static void style(TextGraphics graphics, Line.Style style) {
        graphics.clearModifiers();
        graphics.setBackgroundColor(TextColor.ANSI.DEFAULT);
        graphics.setForegroundColor(TextColor.ANSI.DEFAULT);
        switch (style) {
            case NORMAL -> {
                // the terminal's own colours
            }
            case TITLE -> {
                graphics.enableModifiers(SGR.BOLD);
                graphics.setForegroundColor(TextColor.ANSI.CYAN);
            }
            case HEADER -> graphics.enableModifiers(SGR.BOLD);
            case SELECTED -> graphics.enableModifiers(SGR.REVERSE);
            case ALERT -> {
                graphics.enableModifiers(SGR.BOLD);
                graphics.setForegroundColor(TextColor.ANSI.YELLOW);
            }
            case KEYS -> graphics.setForegroundColor(TextColor.ANSI.GREEN);
        }
    }

    private static Optional<Key> key(KeyStroke stroke) {
        return switch (stroke.getKeyType()) {
            case ArrowUp -> Optional.of(Key.UP);
            case ArrowDown -> Optional.of(Key.DOWN);
            case Enter -> Optional.of(Key.ENTER);
            case Escape, Backspace -> Optional.of(Key.BACK);
            case EOF -> Optional.of(Key.QUIT);
            case Character -> character(stroke);
            default -> Optional.empty();
        };
    }

    private static Optional<Key> character(KeyStroke stroke) {
        char c = Character.toLowerCase(stroke.getCharacter());
        if (stroke.isCtrlDown()) {
            // Ctrl-C is trapped so that the terminal is restored on the way out
            return c == 'c' ? Optional.of(Key.QUIT) : Optional.empty();
        }
        return switch (c) {
            case 'p' -> Optional.of(Key.PAUSE);
            case 'q' -> Optional.of(Key.QUIT);
            default -> Optional.empty();
        };
    }
}
