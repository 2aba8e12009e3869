package dev.zupa.examples.burgers;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** The shop's menu. Names are matched leniently: case, spaces and a plural "s" do not matter. */
final class Menu {
    /** One dish; prices are in cents. */
    record Item(String name, int priceCents, String description) {}

    static final List<Item> ITEMS = List.of(
            new Item("Classic Burger", 650, "beef patty, lettuce, tomato, house sauce"),
            new Item("Cheeseburger", 700, "beef patty, double cheddar, pickles"),
            new Item("Veggie Burger", 680, "black-bean patty, avocado, chipotle mayo"),
            new Item("Fries", 300, "hand-cut, sea salt"),
            new Item("Milkshake", 450, "vanilla, chocolate or strawberry"));

    /** For the model and for error messages; a constant, so that annotations can use it. */
    static final String NAMES = "Classic Burger, Cheeseburger, Veggie Burger, Fries, Milkshake";

    private Menu() {}

    /**
     * The dish a name means: "cheeseburgers", "classic burger" and "FRIES" all find theirs.
     *
     * @param name what the customer or the model called it
     * @return the dish, or empty when it is not on the menu
     */
    static Optional<Item> find(String name) {
        var wanted = key(name);
        if (wanted.isEmpty()) {
            return Optional.empty();
        }
        return ITEMS.stream()
                .filter(item -> {
                    var key = key(item.name());
                    return key.equals(wanted) || (key + "s").equals(wanted) || key.equals(wanted + "s");
                })
                .findFirst();
    }

    /** The menu as the list_menu tool returns it, one dish a line. */
    static String describe() {
        return ITEMS.stream()
                .map(item -> String.format(
                        Locale.ROOT, "- %s, %s (%s)", item.name(), price(item.priceCents()), item.description()))
                .collect(Collectors.joining("\n"));
    }

    static String price(int cents) {
        return String.format(Locale.ROOT, "$%d.%02d", cents / 100, cents % 100);
    }

    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT).replaceAll("[^a-z]", "");
    }
}
