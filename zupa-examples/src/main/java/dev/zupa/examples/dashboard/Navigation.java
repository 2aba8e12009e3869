package dev.zupa.examples.dashboard;

import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Where the operator is: the sessions list with one session selected, or one session's ledger. The selection follows
 * the session, not the row: the list is ordered by last activity and reorders under the cursor at every poll. Not
 * thread-safe; the terminal's thread owns it.
 */
final class Navigation {

    /** What a key asks of the dashboard beyond moving around. */
    sealed interface Action {
        /** Nothing to fetch or change. */
        record None() implements Action {}

        /** Fetch this session's ledger and show it. */
        record Open(SessionRow session) implements Action {}

        /** Pause the agent if it runs, resume it if it is paused. */
        record TogglePause() implements Action {}

        /** Leave the dashboard. */
        record Quit() implements Action {}
    }

    private List<SessionRow> sessions = List.of();
    private @Nullable String selected;
    private @Nullable SessionRow open;

    /** The sessions of the latest poll; the selection stays on its session, or moves to the first when it ended. */
    void sessions(List<SessionRow> latest) {
        int before = index();
        sessions = List.copyOf(latest);
        if (index() < 0) {
            selected = sessions.isEmpty()
                    ? null
                    : sessions.get(Math.min(Math.max(before, 0), sessions.size() - 1))
                            .id();
        }
    }

    Action press(Key key) {
        if (key == Key.QUIT) {
            return new Action.Quit();
        }
        if (key == Key.PAUSE) {
            return new Action.TogglePause();
        }
        if (open != null) {
            if (key == Key.BACK) {
                open = null;
            }
            return new Action.None();
        }
        switch (key) {
            case UP -> move(-1);
            case DOWN -> move(1);
            case ENTER -> {
                var row = selectedRow();
                if (row.isPresent()) {
                    open = row.get();
                    return new Action.Open(row.get());
                }
            }
            case BACK, PAUSE, QUIT -> {
                // BACK on the list has nowhere to go; PAUSE and QUIT were answered above
            }
        }
        return new Action.None();
    }

    List<SessionRow> rows() {
        return sessions;
    }

    /** The selected row's index in {@link #rows()}, or -1 when there is none. */
    int index() {
        for (int i = 0; i < sessions.size(); i++) {
            if (sessions.get(i).id().equals(selected)) {
                return i;
            }
        }
        return -1;
    }

    Optional<SessionRow> selectedRow() {
        int i = index();
        return i < 0 ? Optional.empty() : Optional.of(sessions.get(i));
    }

    /** The session whose ledger is shown, when one is. */
    Optional<SessionRow> openSession() {
        return Optional.ofNullable(open);
    }

    private void move(int by) {
        if (sessions.isEmpty()) {
            return;
        }
        int next = Math.min(Math.max(index() + by, 0), sessions.size() - 1);
        selected = sessions.get(next).id();
    }
}
