package dev.zupa.core.transport;

/**
 * What an inbound message holds.
 *
 * @since 0.1
 */
public enum ContentType {
    /** Plain text. */
    TEXT,
    /** A recorded voice note (WhatsApp {@code ptt}); transcribed, and mirrored with a voice reply. */
    VOICE,
    /** An audio file; transcribed like a voice note. */
    AUDIO,
    /** An image, possibly with a caption in the text. */
    IMAGE,
    /** A button or list reply; the chosen option is in the text. */
    INTERACTIVE,
    /** Anything else (stickers, locations, reactions): logged and acknowledged, never answered by the model. */
    UNSUPPORTED;

    /**
     * Whether the content is audio that the runtime transcribes.
     *
     * @return true for {@link #VOICE} and {@link #AUDIO}
     */
    public boolean isAudio() {
        return this == VOICE || this == AUDIO;
    }
}
