package dev.zupa.examples.burgers;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zupa.adapters.scripted.Match;
import dev.zupa.adapters.scripted.Rule;
import dev.zupa.adapters.scripted.ScriptedChatModel;
import dev.zupa.core.llm.ChatModel;
import java.util.Locale;
import java.util.Map;

/**
 * The burger shop's offline model: a script of rules that stands in for a real model, so that the demo and its
 * tests run without a key or a network. It understands a small, fixed language:
 *
 * <ul>
 *   <li>hi, hello, good morning: a welcome;
 *   <li>menu, prices, what do you have: calls {@code list_menu} and shows it;
 *   <li>"add 2 cheeseburger", "I want 2 classic burgers", "can I get a milkshake please": calls {@code add_to_order}
 *       (one dish per message) and says what the order holds;
 *   <li>order, what did I order, my order, total: calls {@code show_order};
 *   <li>confirm, checkout, that's all: calls {@code confirm_order}, gives the order number and ends the session, so
 *       that the next message starts a new order;
 *   <li>bye: says goodbye and ends the session;
 *   <li>anything else: a hint of what to say.
 * </ul>
 *
 * <p>Every answer is a {@link BurgerReply} as JSON, since the shop asks for structured replies.
 *
 * @since 0.1
 */
public final class BurgerScript {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String HINT = "I can take your order: say \"menu\" to see what we have, \"add 2 cheeseburger\""
            + " to order, \"what did I order\" to check, and \"confirm\" when you are done.";

    /** A verb, a quantity, a dish, and perhaps "to my order" and "please". */
    private static final String ADD = "\\b(?:add|want|like|get|have|take|order)\\s+"
            + "(?<quantity>\\d+|an?|one|two|three|four|five|six|seven|eight|nine|ten|another)\\s+"
            + "(?<item>[\\p{L} -]+?)(?:\\s+(?:to|for|in)\\s+(?:my|the)\\s+order)?(?:,?\\s+please)?\\s*[.!?]*\\s*$";

    private static final String SHOW = "\\b(?:what did i order|what have i ordered|my order|the order|show order"
            + "|order so far|basket|cart|total|bill)\\b|^\\s*order\\s*[?.!]*\\s*$";

    private static final Map<String, Integer> NUMBERS = Map.ofEntries(
            Map.entry("a", 1),
            Map.entry("an", 1),
            Map.entry("another", 1),
            Map.entry("one", 1),
            Map.entry("two", 2),
            Map.entry("three", 3),
            Map.entry("four", 4),
            Map.entry("five", 5),
            Map.entry("six", 6),
            Map.entry("seven", 7),
            Map.entry("eight", 8),
            Map.entry("nine", 9),
            Map.entry("ten", 10));

    private BurgerScript() {}

    /**
     * The script as a model.
     *
     * @return a new, immutable and thread-safe model; never null
     */
    public static ChatModel model() {
        return ScriptedChatModel.builder()
                // follow-ups: a tool has answered, say what it means
                .rule(Rule.toolResult(OrderTools.LIST_MENU)
                        .replyJson(m -> reply(
                                "Here is our menu:\n" + result(m)
                                        + "\nWhat would you like? Try \"add 2 cheeseburger\".",
                                false,
                                false)))
                .rule(Rule.toolResult(OrderTools.ADD_TO_ORDER).replyJson(m -> reply(added(result(m)), false, false)))
                .rule(Rule.toolResult(OrderTools.SHOW_ORDER).replyJson(m -> reply(result(m), false, false)))
                .rule(Rule.toolResult(OrderTools.CONFIRM_ORDER).replyJson(BurgerScript::confirmed))
                // the customer's words, most specific first
                .rule(Rule.userSays(
                                "confirm",
                                "checkout",
                                "check out",
                                "that's all",
                                "that is all",
                                "that's it",
                                "place my order",
                                "place the order")
                        .callTool(OrderTools.CONFIRM_ORDER, "{}"))
                .rule(Rule.userMatches(ADD).callTool(OrderTools.ADD_TO_ORDER, BurgerScript::addArguments))
                .rule(Rule.userMatches(SHOW).callTool(OrderTools.SHOW_ORDER, "{}"))
                .rule(Rule.userSays("menu", "prices", "price list", "what do you have", "what do you sell")
                        .callTool(OrderTools.LIST_MENU, "{}"))
                .rule(Rule.userSays("bye", "goodbye", "see you")
                        .replyJson(reply("Thanks for stopping by. Enjoy your meal!", false, true)))
                .rule(Rule.userSays("thanks", "thank you")
                        .replyJson(reply("You're welcome! Anything else?", false, false)))
                .rule(Rule.userSays("hi", "hello", "hey", "good morning", "good afternoon", "good evening")
                        .replyJson(reply(
                                "Welcome to Zupa Burgers! I can show you the menu, take your order and confirm it."
                                        + " What would you like?",
                                false,
                                false)))
                .rule(Rule.always().replyJson(reply(HINT, false, false)))
                .fallback(HINT)
                .build();
    }

    private static String addArguments(Match match) {
        var quantity = match.group("quantity").toLowerCase(Locale.ROOT);
        int count = NUMBERS.getOrDefault(quantity, 0);
        if (count == 0) {
            // digits; an absurd number still goes to the tool, whose constraints answer it
            count = Integer.parseInt(quantity.length() > 6 ? "999999" : quantity);
        }
        return JSON.createObjectNode()
                .put("item", match.group("item").strip())
                .put("quantity", count)
                .toString();
    }

    private static String added(String result) {
        if (result.startsWith("error:")) {
            return "Sorry, I could not add that: " + reason(result)
                    + ". One dish at a time, please, like \"add 2 cheeseburger\".";
        }
        return result + " Anything else? Say \"confirm\" when you are done.";
    }

    private static String confirmed(Match match) {
        var result = result(match);
        if (result.startsWith("error:")) {
            return reply("I can't confirm yet: " + reason(result) + ".", false, false);
        }
        // a confirmed order closes the conversation: the next message starts a new session with an empty order
        return reply("Thank you! " + result, true, true);
    }

    private static String result(Match match) {
        return match.lastToolResult().orElse("");
    }

    /** "error: invalid arguments for tool add_to_order: item is not on the menu" → "item is not on the menu". */
    private static String reason(String result) {
        return result.replaceFirst("^error:\\s*(?:invalid arguments for tool \\S+:\\s*)?", "");
    }

    private static String reply(String text, boolean orderConfirmed, boolean sessionEnded) {
        return JSON.createObjectNode()
                .put("reply", text)
                .put("orderConfirmed", orderConfirmed)
                .put("sessionEnded", sessionEnded)
                .toString();
    }
}
