package dev.zupa.core.conversation;

/**
 * How a user wants to be answered; set with the {@code /text}, {@code /voice}, {@code /mirror} and
 * {@code /dynamic} commands.
 *
 * @since 0.1
 */
public enum ReplyPreference {
    /** Always text. */
    TEXT,
    /** Always a voice note. */
    VOICE,
    /** The way the user wrote: a voice note for a voice note, text for text. The default. */
    MIRROR,
    /** The model chooses per reply (then a developer hook, then keywords, then mirror). */
    DYNAMIC
}
