package dev.zupa.adapters.scripted;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A reply text with {@code {placeholder}} holes: {@code {0}}..{@code {n}} and {@code {name}} for the groups of the
 * rule's regular expression, {@code {user}} for the user's latest words and {@code {result}} for the latest tool
 * result. A named group wins over {@code user} and {@code result}. Placeholders are checked when the rule is built,
 * so a typo fails at start-up, not in a conversation. In JSON templates the inserted text is escaped as the content
 * of a JSON string.
 */
final class Template {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z0-9_]+)}");

    private final String text;
    private final boolean json;

    private Template(String text, boolean json) {
        this.text = text;
        this.json = json;
    }

    /** Parses and checks a template against the rule's expression, if the rule has one. */
    static Template of(String text, boolean json, Optional<Pattern> pattern) {
        var matcher = PLACEHOLDER.matcher(text);
        while (matcher.find()) {
            check(text, matcher.group(1), pattern);
        }
        return new Template(text, json);
    }

    private static void check(String text, String name, Optional<Pattern> pattern) {
        if (pattern.isPresent() && pattern.get().namedGroups().containsKey(name)) {
            return;
        }
        if (name.equals("user") || name.equals("result")) {
            return;
        }
        if (name.chars().allMatch(Character::isDigit)) {
            int groups = pattern.map(p -> p.matcher("").groupCount()).orElse(-1);
            if (name.length() < 10 && Integer.parseInt(name) <= groups) {
                return;
            }
            throw new IllegalArgumentException("template '" + text + "' refers to group {" + name + "}, but "
                    + pattern.map(p -> "the pattern '" + p.pattern() + "' has " + groups + " groups")
                            .orElse("its condition is not a regular expression"));
        }
        throw new IllegalArgumentException("template '" + text + "' has an unknown placeholder {" + name
                + "}; use {0}..{n}, a named group, {user} or {result}");
    }

    /** Fills the holes from a match. */
    String render(Match match) {
        var matcher = PLACEHOLDER.matcher(text);
        var out = new StringBuilder();
        while (matcher.find()) {
            matcher.appendReplacement(out, Matcher.quoteReplacement(escape(value(matcher.group(1), match))));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    /** Fills every hole with {@code 0}, which fits both inside a JSON string and as a bare number. */
    String probe() {
        return PLACEHOLDER.matcher(text).replaceAll("0");
    }

    private static String value(String name, Match match) {
        if (match.namedGroups().containsKey(name)) {
            return match.namedGroups().get(name);
        }
        return switch (name) {
            case "user" -> match.userText();
            case "result" -> match.lastToolResult().orElse("");
            default -> match.group(Integer.parseInt(name));
        };
    }

    private String escape(String value) {
        if (!json) {
            return value;
        }
        var out = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return text;
    }
}
