package dev.zupa.runtime.command;

/**
 * Runs a command and says what to answer.
 *
 * @param <A> the record type of the command's arguments ({@link NoArguments} for none)
 * @since 0.1
 */
@FunctionalInterface
public interface CommandHandler<A> {

    /**
     * Runs the command.
     *
     * @param arguments the parsed and validated arguments; never null
     * @param context the user, session and values; never null
     * @return the reply text; never blank
     * @throws Exception when the command fails; the user gets a short error reply
     */
    String handle(A arguments, CommandContext context) throws Exception;
}
