package dev.zupa.runtime.prompt;

/**
 * Builds the system prompt of a turn.
 *
 * <p>{@link #of(String)} gives a text template with {@code {{placeholders}}}: {@code user.name}, {@code user.id},
 * {@code session.id}, {@code session.turns}, {@code language}, {@code summaries} (the recent session summaries, one
 * per line), {@code values.<key>} and every variable of the context function by name. An unknown placeholder fails
 * the turn with an error naming it, rather than reaching the model as literal text.
 *
 * @since 0.1
 */
@FunctionalInterface
public interface PromptTemplate {

    /**
     * Renders the prompt.
     *
     * @param context the user, session, values and variables; never null
     * @return the system prompt; never blank
     */
    String render(PromptContext context);

    /**
     * A text template with {@code {{placeholders}}}.
     *
     * @param template the template; never blank
     * @return the template; never null
     * @throws IllegalArgumentException when the template is blank
     */
    static PromptTemplate of(String template) {
        return dev.zupa.runtime.internal.TextTemplate.parse(template);
    }
}
