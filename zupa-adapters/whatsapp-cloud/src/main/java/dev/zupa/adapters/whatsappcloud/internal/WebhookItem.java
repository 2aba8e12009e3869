package dev.zupa.adapters.whatsappcloud.internal;

import dev.zupa.core.transport.InboundMessage;
import dev.zupa.core.transport.TransportEvent;
import org.jspecify.annotations.Nullable;

/** One thing a webhook reported, in payload order: a user's message or what became of a sent one. */
public sealed interface WebhookItem {

    /**
     * A message from a user.
     *
     * @param message the message as the runtime receives it
     * @param whatsappType the payload's {@code type}, for logging ({@code text}, {@code reaction}, …)
     */
    record Inbound(InboundMessage message, String whatsappType) implements WebhookItem {}

    /**
     * A status of a sent message.
     *
     * @param status the event to report
     * @param tracking the {@code biz_opaque_callback_data} sent with the message, if echoed
     * @param errorCode the first error's code for a failed status, if any
     */
    record Status(
            TransportEvent.DeliveryStatus status,
            @Nullable String tracking,
            @Nullable Integer errorCode) implements WebhookItem {}
}
