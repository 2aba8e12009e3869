package dev.zupa.examples.dashboard;

/** One line of the dashboard and how to draw it; the view decides both, the terminal only paints. */
record Line(String text, Style style) {

    /** How a line stands out. */
    enum Style {
        NORMAL,
        /** The top line. */
        TITLE,
        /** A panel's title or a table's column names. */
        HEADER,
        /** The row under the cursor. */
        SELECTED,
        /** Something that needs the operator: paused, a breaker open, the transport not ready, an error. */
        ALERT,
        /** The keys help at the bottom. */
        KEYS
    }

    static Line of(String text) {
        return new Line(text, Style.NORMAL);
    }
}
