package dev.zupa.examples.burgers;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.zupa.runtime.memory.SessionValues;
import dev.zupa.runtime.tool.Tool;
import dev.zupa.runtime.tool.ToolContext;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;

/**
 * The shop's tools. Each keeps the order in the session's values, so it lives as long as the conversation, survives
 * restarts with the session's checkpoint, and a new session starts with an empty order. Expected refusals (an
 * empty or already confirmed order) are results the model reads, not exceptions.
 */
final class OrderTools {
    static final String LIST_MENU = "list_menu";
    static final String ADD_TO_ORDER = "add_to_order";
    static final String SHOW_ORDER = "show_order";
    static final String CONFIRM_ORDER = "confirm_order";

    /** list_menu takes no arguments. */
    record ListMenu() {}

    /** What add_to_order adds. */
    record AddToOrder(
            @JsonPropertyDescription("The dish, one of: " + Menu.NAMES) @NotBlank @OnTheMenu
            String item,

            @JsonPropertyDescription("How many, 1 to 20") @Positive @Max(20)
            int quantity) {}

    /** show_order takes no arguments. */
    record ShowOrder() {}

    /** confirm_order takes no arguments. */
    record ConfirmOrder() {}

    private OrderTools() {}

    static Tool<?>[] all() {
        return new Tool<?>[] {
            Tool.of(LIST_MENU, "The menu with prices.", ListMenu.class, (arguments, context) -> Menu.describe()),
            Tool.of(
                    ADD_TO_ORDER,
                    "Adds a quantity of one dish to the customer's order.",
                    AddToOrder.class,
                    OrderTools::add),
            Tool.of(
                    SHOW_ORDER,
                    "What the customer has ordered so far, with the total.",
                    ShowOrder.class,
                    (arguments, context) -> show(order(context.values()))),
            Tool.of(
                    CONFIRM_ORDER,
                    "Confirms the order once the customer says it is complete; returns the order number.",
                    ConfirmOrder.class,
                    (arguments, context) -> confirm(context))
        };
    }

    static Order order(SessionValues values) {
        return values.get(Order.KEY, Order.class).orElse(Order.EMPTY);
    }

    static String show(Order order) {
        if (order.confirmed()) {
            return "Order " + order.number() + " (confirmed): " + order.summary() + ".";
        }
        return "Your order: " + order.summary() + ".";
    }

    private static String add(AddToOrder arguments, ToolContext context) {
        var order = order(context.values());
        if (order.confirmed()) {
            return "error: order " + order.number() + " is already confirmed; /reset starts a new one";
        }
        // the constraint has checked that the dish exists
        var item = Menu.find(arguments.item()).orElseThrow();
        var updated = order.add(item, arguments.quantity());
        context.values().put(Order.KEY, updated);
        return "Added " + arguments.quantity() + " x " + item.name() + ". Your order: " + updated.summary() + ".";
    }

    private static String confirm(ToolContext context) {
        var order = order(context.values());
        if (order.lines().isEmpty()) {
            return "error: the order is empty; add something first";
        }
        if (!order.confirmed()) {
            order = order.confirm(Order.numberFor(context.session().id().value()));
            context.values().put(Order.KEY, order);
        }
        return "Order " + order.number() + " confirmed: " + order.summary() + ". Ready in about 15 minutes.";
    }
}
