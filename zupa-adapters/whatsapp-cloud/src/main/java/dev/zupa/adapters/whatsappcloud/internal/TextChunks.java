package dev.zupa.adapters.whatsappcloud.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a reply longer than WhatsApp's text limit into messages, at a paragraph, line or word break in the second
 * half of each piece when there is one, and never inside a surrogate pair.
 */
public final class TextChunks {
    private TextChunks() {}

    /**
     * The pieces of a text.
     *
     * @param text the text; never null
     * @param max the longest piece, in UTF-16 characters; at least 2
     * @return the pieces in order, one when the text fits; never null
     */
    public static List<String> split(String text, int max) {
        if (max < 2) {
            throw new IllegalArgumentException("max must be at least 2, was " + max);
        }
        var pieces = new ArrayList<String>();
        String rest = text;
        while (rest.length() > max) {
            int cut = breakBefore(rest, max);
            String piece = rest.substring(0, cut).stripTrailing();
            if (!piece.isEmpty()) {
                pieces.add(piece);
            }
            rest = rest.substring(cut).stripLeading();
        }
        if (!rest.isEmpty() || pieces.isEmpty()) {
            pieces.add(rest);
        }
        return pieces;
    }

    private static int breakBefore(String text, int max) {
        for (String separator : new String[] {"\n\n", "\n", " "}) {
            int at = text.lastIndexOf(separator, max - separator.length());
            if (at >= max / 2) {
                return at + separator.length();
            }
        }
        return Character.isLowSurrogate(text.charAt(max)) ? max - 1 : max;
    }
}
