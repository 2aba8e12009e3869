package dev.zupa.runtime.command;

/**
 * The arguments of a command that takes none.
 *
 * @since 0.1
 */
public record NoArguments() {}
