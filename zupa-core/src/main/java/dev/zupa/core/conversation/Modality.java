package dev.zupa.core.conversation;

/**
 * How a message is carried: as text or as a voice note.
 *
 * @since 0.1
 */
public enum Modality {
    /** Written text. */
    TEXT,
    /** A voice note. */
    VOICE
}
