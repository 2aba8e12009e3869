package dev.zupa.adapters.scripted;

import dev.zupa.core.llm.ChatRequest;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a rule's condition matched: the request, and the groups of the regular expression when the condition was
 * one. Answers computed by functions receive it.
 *
 * @param request the request being answered; never null
 * @param groups the regular expression's groups, group 0 (the whole match) first, unmatched groups as empty text;
 *     empty when the condition was not a regular expression; never null
 * @param namedGroups the named groups by name, unmatched ones as empty text; never null
 * @since 0.1
 */
public record Match(ChatRequest request, List<String> groups, Map<String, String> namedGroups) {
    /** Validates the components and copies the collections. */
    public Match {
        Objects.requireNonNull(request, "request");
        groups = List.copyOf(groups);
        namedGroups = Map.copyOf(namedGroups);
    }

    /**
     * A match without groups, for conditions that are not regular expressions.
     *
     * @param request the request; never null
     * @return the match; never null
     */
    public static Match of(ChatRequest request) {
        return new Match(request, List.of(), Map.of());
    }

    /**
     * One numbered group of the regular expression.
     *
     * @param index 0 for the whole match, 1 and up for groups
     * @return the group's text, empty when the group did not take part in the match; never null
     * @throws IllegalArgumentException when the expression has no such group
     */
    public String group(int index) {
        if (index < 0 || index >= groups.size()) {
            throw new IllegalArgumentException(
                    "group index must be from 0 to " + (groups.size() - 1) + ", was " + index);
        }
        return groups.get(index);
    }

    /**
     * One named group of the regular expression.
     *
     * @param name the group's name; never null
     * @return the group's text, empty when the group did not take part in the match; never null
     * @throws IllegalArgumentException when the expression has no group of that name
     */
    public String group(String name) {
        var value = namedGroups.get(Objects.requireNonNull(name, "name"));
        if (value == null) {
            throw new IllegalArgumentException("no group is named '" + name + "'; known are " + namedGroups.keySet());
        }
        return value;
    }

    /**
     * The user's latest words: the consecutive user messages ending at the last one, joined by newlines.
     *
     * @return the text, empty when the conversation has no user message; never null
     */
    public String userText() {
        return Conversation.userText(request.messages());
    }

    /**
     * The text of the latest tool result in the conversation, which a follow-up rule usually answers with.
     *
     * @return the result text, or empty when no tool has answered; never null
     */
    public Optional<String> lastToolResult() {
        return Conversation.lastToolResult(request.messages());
    }
}
