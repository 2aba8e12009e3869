package dev.zupa.runtime.internal;

import dev.zupa.runtime.prompt.PromptContext;
import dev.zupa.runtime.prompt.PromptTemplate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/** A text template with {@code {{placeholders}}}, parsed once. */
public final class TextTemplate implements PromptTemplate {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([A-Za-z0-9_.-]+)\\s*}}");

    private final List<String> literals; // one more than names
    private final List<String> names;

    private TextTemplate(List<String> literals, List<String> names) {
        this.literals = literals;
        this.names = names;
    }

    /** Parses a template; see {@link PromptTemplate#of(String)}. */
    public static TextTemplate parse(String template) {
        Objects.requireNonNull(template, "template");
        if (template.isBlank()) {
            throw new IllegalArgumentException("the prompt template must not be blank");
        }
        var literals = new ArrayList<String>();
        var names = new ArrayList<String>();
        var matcher = PLACEHOLDER.matcher(template);
        int last = 0;
        while (matcher.find()) {
            literals.add(template.substring(last, matcher.start()));
            names.add(matcher.group(1));
            last = matcher.end();
        }
        literals.add(template.substring(last));
        return new TextTemplate(List.copyOf(literals), List.copyOf(names));
    }

    @Override
    public String render(PromptContext context) {
        var out = new StringBuilder(literals.get(0));
        for (int i = 0; i < names.size(); i++) {
            out.append(value(names.get(i), context)).append(literals.get(i + 1));
        }
        return out.toString();
    }

    private static String value(String name, PromptContext context) {
        var variables = context.variables();
        if (variables.containsKey(name)) {
            return String.valueOf(variables.get(name));
        }
        switch (name) {
            case "user.name" -> {
                return context.user().displayName();
            }
            case "user.id" -> {
                return context.user().id().value();
            }
            case "session.id" -> {
                return context.session().id().value();
            }
            case "session.turns" -> {
                return Long.toString(context.session().turns());
            }
            case "language" -> {
                return context.language();
            }
            case "summaries" -> {
                return String.join("\n", context.recentSummaries());
            }
            default -> {
                if (name.startsWith("values.")) {
                    return context.values()
                            .get(name.substring("values.".length()))
                            .map(v -> v.isTextual() ? v.asText() : v.toString())
                            .orElse("");
                }
                throw new IllegalArgumentException("the prompt template names {{" + name + "}}, which is neither a"
                        + " built-in placeholder (user.name, user.id, session.id, session.turns, language, summaries,"
                        + " values.<key>) nor a variable of the context function " + variables.keySet());
            }
        }
    }
}
