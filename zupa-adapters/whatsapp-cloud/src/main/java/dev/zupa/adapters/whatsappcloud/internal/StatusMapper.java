package dev.zupa.adapters.whatsappcloud.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.zupa.core.transport.TransportEvent.DeliveryStatus;
import java.time.Clock;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Maps one {@code value.statuses[]} element to a {@link DeliveryStatus}. A failed status carries its first error as
 * {@code "<code> <title>: <details>"}, such as {@code "131047 Re-engagement message: Message failed to send because
 * more than 24 hours have passed …"}.
 */
public final class StatusMapper {
    private final Clock clock;

    /**
     * A mapper.
     *
     * @param clock the clock used when a status has no usable timestamp
     */
    public StatusMapper(Clock clock) {
        this.clock = clock;
    }

    /**
     * Maps a status.
     *
     * @param status the {@code statuses[]} element
     * @return the status, or empty when it has no id or a status value this adapter does not know
     */
    public Optional<WebhookItem.Status> map(JsonNode status) {
        String id = Json.text(status, "id");
        var value = kind(Json.text(status, "status"));
        if (id == null || value == null) {
            return Optional.empty();
        }
        String recipient = Json.text(status, "recipient_id");
        if (recipient == null) {
            recipient = Json.text(status, "recipient_user_id");
        }
        JsonNode error = status.path("errors").path(0);
        Integer code = error.isObject() ? GraphErrors.code(error) : null;
        Optional<String> text = error.isObject() ? Optional.of(describe(error, code)) : Optional.empty();
        var event = new DeliveryStatus(
                id, value, InboundMapper.timestamp(status, clock), Optional.ofNullable(recipient), text);
        return Optional.of(new WebhookItem.Status(event, Json.text(status, "biz_opaque_callback_data"), code));
    }

    private static DeliveryStatus.@Nullable Status kind(@Nullable String status) {
        if (status == null) {
            return null;
        }
        return switch (status) {
            case "sent" -> DeliveryStatus.Status.SENT;
            case "delivered" -> DeliveryStatus.Status.DELIVERED;
            case "read" -> DeliveryStatus.Status.READ;
            case "played" -> DeliveryStatus.Status.PLAYED;
            case "failed" -> DeliveryStatus.Status.FAILED;
            default -> null;
        };
    }

    private static String describe(JsonNode error, @Nullable Integer code) {
        String title = Json.text(error, "title");
        String details = Json.text(error.get("error_data"), "details");
        String text = title != null ? title : GraphErrors.describe(error);
        if (title != null && details != null && !details.equals(title)) {
            text = title + ": " + details;
        }
        return code == null ? text : code + " " + text;
    }
}
