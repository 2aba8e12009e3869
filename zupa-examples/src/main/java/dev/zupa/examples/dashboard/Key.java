package dev.zupa.examples.dashboard;

/** The keys the dashboard answers, apart from the terminal library that reads them. */
enum Key {
    UP,
    DOWN,
    ENTER,
    /** Esc or Backspace. */
    BACK,
    /** {@code p}: pause or resume the agent. */
    PAUSE,
    /** {@code q}, or the end of the input. */
    QUIT
}
