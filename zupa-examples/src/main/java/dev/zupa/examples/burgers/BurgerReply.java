package dev.zupa.examples.burgers;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.zupa.runtime.reply.StructuredReply;
import java.util.Objects;

/**
 * What the burger shop's model answers: the message, and two flags the application acts on.
 *
 * @param reply the message to send to the customer; never null
 * @param orderConfirmed true in the reply that gives the customer their order number
 * @param sessionEnded true once the order is confirmed or the customer said goodbye; the session then ends and the
 *     next message starts a new one, with an empty order
 * @since 0.1
 */
public record BurgerReply(
        String reply,

        @JsonPropertyDescription("true only in the reply that gives the customer their order number")
        boolean orderConfirmed,

        boolean sessionEnded)
        implements StructuredReply {

    /** Validates the reply. */
    public BurgerReply {
        Objects.requireNonNull(reply, "reply");
    }
}
