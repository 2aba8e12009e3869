package dev.zupa.adapters.whatsappcloud.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a verified webhook payload: every entry, every {@code messages} change, every message and status, in payload
 * order. Parts it cannot use (other objects or fields, {@code value.errors[]}, elements without an id) are logged
 * and skipped; they never fail the webhook, because Meta would only send them again.
 */
public final class WebhookParser {
    private static final Logger LOG = LoggerFactory.getLogger(WebhookParser.class);

    private final InboundMapper messages;
    private final StatusMapper statuses;

    /**
     * A parser.
     *
     * @param messages maps messages; never null
     * @param statuses maps statuses; never null
     */
    public WebhookParser(InboundMapper messages, StatusMapper statuses) {
        this.messages = messages;
        this.statuses = statuses;
    }

    /**
     * The items of a payload.
     *
     * @param root the parsed body, a JSON object
     * @return the messages and statuses in payload order; never null
     */
    public List<WebhookItem> parse(JsonNode root) {
        var items = new ArrayList<WebhookItem>();
        String object = Json.text(root, "object");
        if (!"whatsapp_business_account".equals(object)) {
            LOG.info("ignoring a webhook for object '{}'", object);
            return items;
        }
        for (var entry : Json.array(root, "entry")) {
            for (var change : Json.array(entry, "changes")) {
                String field = Json.text(change, "field");
                var value = change.get("value");
                if (!"messages".equals(field) || value == null || !value.isObject()) {
                    LOG.debug("ignoring a webhook change of field '{}'", field);
                    continue;
                }
                read(value, items);
            }
        }
        return items;
    }

    private void read(JsonNode value, List<WebhookItem> items) {
        for (var message : Json.array(value, "messages")) {
            messages.map(message, value.get("contacts"))
                    .ifPresentOrElse(
                            items::add,
                            () -> LOG.warn(
                                    "skipping a {} message without an id or a sender", Json.text(message, "type")));
        }
        for (var status : Json.array(value, "statuses")) {
            statuses.map(status)
                    .ifPresentOrElse(
                            items::add,
                            () -> LOG.info(
                                    "skipping a status '{}' for {}: no id, or a status this adapter does not know",
                                    Json.text(status, "status"),
                                    Json.text(status, "id")));
        }
        for (var error : Json.array(value, "errors")) {
            // system-level problems (such as 130429 for the whole number) arrive without a message or status
            LOG.warn("WhatsApp reported error {}: {}", GraphErrors.code(error), GraphErrors.describe(error));
        }
    }
}
