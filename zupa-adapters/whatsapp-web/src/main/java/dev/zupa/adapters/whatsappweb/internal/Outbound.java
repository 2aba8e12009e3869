package dev.zupa.adapters.whatsappweb.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.zupa.core.provider.ProviderErrorKind;
import dev.zupa.core.speech.AudioClip;
import dev.zupa.core.transport.OutboundContent;
import dev.zupa.core.transport.OutboundMessage;
import java.util.Locale;
import java.util.Optional;

/** Turns Zupa's replies into sidecar commands, and the sidecar's receipts into WhatsApp message ids. */
public final class Outbound {
    /** The media type WhatsApp plays as a voice note. */
    public static final String VOICE_NOTE_TYPE = "audio/ogg; codecs=opus";

    private Outbound() {}

    /**
     * The command that sends a reply. Ogg/Opus audio goes as {@value #VOICE_NOTE_TYPE} with
     * {@code sendAudioAsVoice}; WhatsApp shows a voice note only for that type, so other audio goes as a file
     * rather than as a broken note.
     *
     * @param message the reply
     * @return {@code send_text} or {@code send_voice}
     * @throws dev.zupa.core.provider.ProviderException BAD_REQUEST when the recipient is not an address
     */
    public static SidecarCommand command(OutboundMessage message) {
        var to = chatId(message.to());
        return switch (message.content()) {
            case OutboundContent.Text text -> new SidecarCommand.SendText(to, text.text());
            case OutboundContent.Voice voice -> voice(to, voice.audio());
        };
    }

    /**
     * The chat id of a recipient.
     *
     * @param address a phone number or a chat id
     * @return the chat id
     * @throws dev.zupa.core.provider.ProviderException BAD_REQUEST when the recipient is not an address
     */
    public static String chatId(String address) {
        try {
            return Addresses.chatId(address);
        } catch (IllegalArgumentException e) {
            throw Failures.of(ProviderErrorKind.BAD_REQUEST, e.getMessage());
        }
    }

    /**
     * The WhatsApp id of a sent message.
     *
     * @param result the result of {@code send_text} or {@code send_voice}
     * @return the id, when the sidecar reported one
     */
    public static Optional<String> messageId(JsonNode result) {
        var id = result.path("messageId");
        return id.isTextual() && !id.asText().isBlank() ? Optional.of(id.asText()) : Optional.empty();
    }

    private static SidecarCommand voice(String to, AudioClip audio) {
        var type = audio.mimeType().toLowerCase(Locale.ROOT);
        if (type.startsWith("audio/ogg") || type.startsWith("audio/opus")) {
            return new SidecarCommand.SendVoice(to, new AudioClip(audio.data(), VOICE_NOTE_TYPE), true);
        }
        return new SidecarCommand.SendVoice(to, audio, false);
    }
}
