package dev.zupa.examples.burgers;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.zip.CRC32;

/**
 * A customer's order as the session keeps it (JSON in the session values under {@link #KEY}).
 *
 * @param lines the dishes, one line per dish, in the order they were first added
 * @param number the order number once confirmed, empty before
 */
record Order(List<Line> lines, String number) {
    static final String KEY = "order";
    static final Order EMPTY = new Order(List.of(), "");

    /** So many of one dish, at the price it had when added. */
    record Line(String item, int quantity, int unitPriceCents) {
        int totalCents() {
            return quantity * unitPriceCents;
        }

        @Override
        public String toString() {
            return quantity + " x " + item;
        }
    }

    Order {
        lines = List.copyOf(lines);
    }

    boolean confirmed() {
        return !number.isEmpty();
    }

    int totalCents() {
        return lines.stream().mapToInt(Line::totalCents).sum();
    }

    /** This order with more of a dish: an existing line grows, a new dish gets a line at the end. */
    Order add(Menu.Item item, int quantity) {
        var next = new ArrayList<Line>();
        boolean merged = false;
        for (var line : lines) {
            if (line.item().equals(item.name())) {
                next.add(new Line(line.item(), line.quantity() + quantity, line.unitPriceCents()));
                merged = true;
            } else {
                next.add(line);
            }
        }
        if (!merged) {
            next.add(new Line(item.name(), quantity, item.priceCents()));
        }
        return new Order(next, number);
    }

    Order confirm(String orderNumber) {
        return new Order(lines, orderNumber);
    }

    /** "2 x Cheeseburger, 1 x Fries; total $17.00", or "nothing yet". */
    String summary() {
        if (lines.isEmpty()) {
            return "nothing yet";
        }
        return lines.stream().map(Line::toString).collect(Collectors.joining(", ")) + "; total "
                + Menu.price(totalCents());
    }

    /**
     * The order number of a session: the same session always gets the same number, so a confirmation that is
     * retried or replayed after a crash never hands out a second one.
     */
    static String numberFor(String sessionId) {
        var crc = new CRC32();
        crc.update(sessionId.getBytes(StandardCharsets.UTF_8));
        return String.format(Locale.ROOT, "B-%04d", 1000 + crc.getValue() % 9000);
    }
}
