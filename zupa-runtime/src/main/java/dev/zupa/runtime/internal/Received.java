package dev.zupa.runtime.internal;

import dev.zupa.core.transport.InboundMessage;

/**
 * A message stored in the inbox, as the {@code inbound.received} ledger entry's payload.
 *
 * @param correlationId the id that follows it through the runtime
 * @param key the inbox key: its dedup key plus the correlation id, so a message whose turn failed can be received
 *     again
 * @param message the message
 */
public record Received(String correlationId, String key, InboundMessage message) {

    boolean isCommand() {
        var text = message.text().strip();
        return !message.type().isAudio() && text.startsWith("/") && text.length() > 1;
    }
}
