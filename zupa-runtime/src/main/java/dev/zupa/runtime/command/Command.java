package dev.zupa.runtime.command;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A slash command: {@code /name args}. Names are matched case-insensitively; a command with a record type for its
 * arguments receives them parsed by position (the last component takes the rest of the line) and validated with
 * Jakarta Validation, or the user gets a usage message.
 *
 * @param name the name without the slash, lower case; never blank
 * @param description one line for {@code /help}; never null
 * @param argumentsType the record type of the arguments; never null
 * @param handler what it does; never null
 * @param <A> the arguments type
 * @since 0.1
 */
public record Command<A extends Record>(
        String name, String description, Class<A> argumentsType, CommandHandler<A> handler) {
    private static final Pattern NAME = Pattern.compile("[a-z0-9_-]{1,32}");

    /** Validates the command. */
    public Command {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(argumentsType, "argumentsType");
        Objects.requireNonNull(handler, "handler");
        name = name.toLowerCase(Locale.ROOT);
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(
                    "a command name is 1 to 32 letters, digits, '_' or '-' (without the slash), got '" + name + "'");
        }
        if (!argumentsType.isRecord()) {
            throw new IllegalArgumentException(
                    "the arguments of command /" + name + " must be a record type, not " + argumentsType.getName());
        }
    }

    /**
     * A command without arguments.
     *
     * @param name the name without the slash; never blank
     * @param description one line for {@code /help}; never null
     * @param handler what it does; never null
     * @return the command; never null
     */
    public static Command<NoArguments> of(String name, String description, CommandHandler<NoArguments> handler) {
        return new Command<>(name, description, NoArguments.class, handler);
    }

    /**
     * A command with arguments.
     *
     * @param name the name without the slash; never blank
     * @param description one line for {@code /help}; never null
     * @param argumentsType the record type of its arguments; never null
     * @param handler what it does; never null
     * @param <A> the arguments type
     * @return the command; never null
     */
    public static <A extends Record> Command<A> withArguments(
            String name, String description, Class<A> argumentsType, CommandHandler<A> handler) {
        return new Command<>(name, description, argumentsType, handler);
    }
}
