package dev.zupa.adapters.whatsappcloud.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.zupa.core.provider.ProviderErrorKind;
import dev.zupa.core.provider.ProviderException;
import dev.zupa.core.transport.Delivery;
import dev.zupa.core.transport.OutboundContent;
import dev.zupa.core.transport.OutboundMessage;
import dev.zupa.core.transport.TransportContext;
import dev.zupa.core.transport.TransportEvent;
import java.util.Optional;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends replies, templates and typing indicators through the Graph API. The outbox id travels as {@code
 * biz_opaque_callback_data} and is remembered per wamid, so that a later {@code failed} status can name the reply.
 */
public final class Sender {
    private static final Logger LOG = LoggerFactory.getLogger(Sender.class);

    private final GraphClient graph;
    private final GraphErrors errors;
    private final TransportState state;
    private final Supplier<@Nullable TransportContext> context;

    /**
     * A sender.
     *
     * @param graph the Graph client; never null
     * @param errors the error mapping; never null
     * @param state where sent wamids and inbound ids are remembered; never null
     * @param context the started context, or null, for {@link TransportEvent.ReplyWindowClosed}; never null
     */
    public Sender(
            GraphClient graph, GraphErrors errors, TransportState state, Supplier<@Nullable TransportContext> context) {
        this.graph = graph;
        this.errors = errors;
        this.state = state;
        this.context = context;
    }

    /**
     * Sends a reply: text in pieces of at most 4,096 characters, a voice note as uploaded audio (or as its text when
     * WhatsApp cannot take the audio).
     *
     * @param message the reply
     * @return the receipt with the last wamid; never null
     * @throws ProviderException as the error table maps; after a {@link TransportEvent.ReplyWindowClosed} on 131047
     */
    public Delivery send(OutboundMessage message) {
        return switch (message.content()) {
            case OutboundContent.Text text -> sendText(message, text.text());
            case OutboundContent.Voice voice -> sendVoice(message, voice);
        };
    }

    /**
     * Sends a template.
     *
     * @param to the recipient
     * @param name the template name
     * @param languageCode the template language
     * @param components the components as Graph JSON
     * @return the receipt with the wamid; never null
     */
    public Delivery template(String to, String name, String languageCode, ArrayNode components) {
        return new Delivery(Optional.of(graph.sendMessage(MessageBodies.template(to, name, languageCode, components))));
    }

    /**
     * Marks the sender's latest message read with a typing indicator; best effort, never throws.
     *
     * @param to the user's address
     */
    public void typing(String to) {
        var wamid = state.lastInbound(to);
        if (wamid.isEmpty()) {
            LOG.debug("no inbound message known from this sender; no typing indicator");
            return;
        }
        try {
            graph.postStatus(MessageBodies.readWithTyping(wamid.get()));
        } catch (ProviderException e) {
            LOG.debug("the typing indicator failed: {}", e.getMessage());
        }
    }

    private Delivery sendText(OutboundMessage message, String text) {
        String wamid = null;
        for (String piece : TextChunks.split(text, MessageBodies.MAX_TEXT)) {
            wamid = post(message, MessageBodies.text(message.to(), piece, message.id()));
        }
        return new Delivery(Optional.ofNullable(wamid));
    }

    private Delivery sendVoice(OutboundMessage message, OutboundContent.Voice voice) {
        var clip = voice.audio();
        var upload = AudioUpload.forType(clip.mimeType()).filter(u -> clip.size() <= AudioUpload.MAX_BYTES);
        if (upload.isEmpty()) {
            String why = clip.size() > AudioUpload.MAX_BYTES
                    ? clip.size() + " bytes of audio, more than WhatsApp's 16 MB"
                    : "audio of type " + clip.mimeType() + ", which WhatsApp does not take";
            if (!voice.text().isBlank()) {
                LOG.warn("reply {} has {}; sending its text instead", message.id(), why);
                return sendText(message, voice.text());
            }
            throw errors.failure(ProviderErrorKind.BAD_REQUEST, "reply " + message.id() + " has " + why, null);
        }
        String mediaId =
                graph.uploadMedia(clip.data(), upload.get().type(), upload.get().fileName());
        String wamid = post(
                message, MessageBodies.audio(message.to(), mediaId, upload.get().voice(), message.id()));
        return new Delivery(Optional.of(wamid));
    }

    private String post(OutboundMessage message, ObjectNode body) {
        try {
            String wamid = graph.sendMessage(body);
            state.sent(wamid, message.id());
            return wamid;
        } catch (ProviderException e) {
            if (e.code().equals(Optional.of(String.valueOf(GraphErrors.REPLY_WINDOW_CLOSED)))) {
                windowClosed(message);
            }
            throw e;
        }
    }

    private void windowClosed(OutboundMessage message) {
        var current = context.get();
        if (current == null) {
            LOG.info("reply {} hit the closed 24-hour window; no context to report it to", message.id());
            return;
        }
        try {
            current.event(new TransportEvent.ReplyWindowClosed(message.to(), message.id()));
        } catch (RuntimeException e) {
            LOG.warn("the reply window event failed; going on", e);
        }
    }
}
