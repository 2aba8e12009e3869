package dev.zupa.examples.dashboard;

import java.util.Locale;

/** How the dashboard writes numbers and fits text into columns; ASCII only, so that any terminal shows it. */
final class Figures {
    private Figures() {}

    /** Milliseconds as {@code 0.4 ms}, {@code 12 ms} or {@code 1.25 s}; {@code -} when not measured. */
    static String millis(double ms) {
        if (Double.isNaN(ms) || ms < 0) {
            return "-";
        }
        if (ms >= 1000) {
            return String.format(Locale.ROOT, "%.2f s", ms / 1000);
        }
        return String.format(Locale.ROOT, ms < 10 ? "%.1f ms" : "%.0f ms", ms);
    }

    /** A share from 0 to 1 as {@code 12.5%}. */
    static String percent(double share) {
        return String.format(Locale.ROOT, "%.1f%%", share * 100);
    }

    /** A rate with two decimals. */
    static String rate(double perSecond) {
        return String.format(Locale.ROOT, "%.2f", perSecond);
    }

    /** Left-aligned in exactly {@code width} characters, cut with {@code ~} when longer. */
    static String left(String text, int width) {
        return cut(text, width) + " ".repeat(Math.max(0, width - Math.min(text.length(), width)));
    }

    /** Right-aligned in exactly {@code width} characters, cut with {@code ~} when longer. */
    static String right(String text, int width) {
        return " ".repeat(Math.max(0, width - Math.min(text.length(), width))) + cut(text, width);
    }

    /** At most {@code width} characters, the last one {@code ~} when some were cut. */
    static String cut(String text, int width) {
        if (width <= 0) {
            return "";
        }
        return text.length() <= width ? text : text.substring(0, width - 1) + "~";
    }
}
