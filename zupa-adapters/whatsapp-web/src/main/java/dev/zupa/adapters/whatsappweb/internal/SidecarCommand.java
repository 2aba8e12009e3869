package dev.zupa.adapters.whatsappweb.internal;

import dev.zupa.core.speech.AudioClip;
import java.util.Objects;

/** A command for the sidecar. Closed: each variant has a case in {@code sidecar.js} and in the codec. */
public sealed interface SidecarCommand {

    /**
     * The command's name on the wire.
     *
     * @return the name, such as {@code send_text}
     */
    String name();

    /**
     * Sends a text message.
     *
     * @param to the chat id, such as {@code 5215512345678@c.us}
     * @param text the text
     */
    record SendText(String to, String text) implements SidecarCommand {
        /** Validates the command. */
        public SendText {
            Objects.requireNonNull(to, "to");
            Objects.requireNonNull(text, "text");
        }

        @Override
        public String name() {
            return "send_text";
        }
    }

    /**
     * Sends audio, as a voice note when {@code voice} is set ({@code sendAudioAsVoice}).
     *
     * @param to the chat id
     * @param audio the recording and its media type
     * @param voice whether WhatsApp should show it as a voice note
     */
    record SendVoice(String to, AudioClip audio, boolean voice) implements SidecarCommand {
        /** Validates the command. */
        public SendVoice {
            Objects.requireNonNull(to, "to");
            Objects.requireNonNull(audio, "audio");
        }

        @Override
        public String name() {
            return "send_voice";
        }
    }

    /**
     * Downloads the media of a received message.
     *
     * @param messageId the message's {@code id._serialized}
     */
    record DownloadMedia(String messageId) implements SidecarCommand {
        /** Validates the command. */
        public DownloadMedia {
            Objects.requireNonNull(messageId, "messageId");
        }

        @Override
        public String name() {
            return "download_media";
        }
    }

    /**
     * Shows "typing…" in a chat.
     *
     * @param to the chat id
     */
    record Typing(String to) implements SidecarCommand {
        /** Validates the command. */
        public Typing {
            Objects.requireNonNull(to, "to");
        }

        @Override
        public String name() {
            return "typing";
        }
    }

    /** Closes WhatsApp Web and the browser, then exits. */
    record Shutdown() implements SidecarCommand {
        @Override
        public String name() {
            return "shutdown";
        }
    }
}
