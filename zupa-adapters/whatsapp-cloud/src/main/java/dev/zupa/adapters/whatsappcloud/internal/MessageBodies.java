package dev.zupa.adapters.whatsappcloud.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** The JSON bodies of {@code POST /{phone-number-id}/messages}, as PROVIDERS.md section 3.5 documents them. */
public final class MessageBodies {
    /** The longest {@code text.body} the API accepts, in characters. */
    public static final int MAX_TEXT = 4096;

    /** Meta's limit for {@code biz_opaque_callback_data}. */
    private static final int MAX_TRACKING = 512;

    /**
     * A business-scoped user id ({@code US.13491208655302741918}, {@code US.ENT.1181…}): users who adopt a username
     * may have no phone number, and such an address goes in {@code recipient} instead of {@code to}.
     */
    private static final Pattern BSUID = Pattern.compile("[A-Za-z]{2}\\.[A-Za-z0-9.]+");

    private MessageBodies() {}

    /**
     * A text message.
     *
     * @param to the recipient: a phone number or a business-scoped user id
     * @param body the text, at most {@value #MAX_TEXT} characters
     * @param tracking echoed back in status webhooks ({@code biz_opaque_callback_data}), if not null
     * @return the body; never null
     */
    public static ObjectNode text(String to, String body, @Nullable String tracking) {
        var message = envelope(to, "text", tracking);
        message.putObject("text").put("preview_url", false).put("body", body);
        return message;
    }

    /**
     * An audio message from uploaded media.
     *
     * @param to the recipient
     * @param mediaId the id the upload returned
     * @param voice whether to show it as a recorded voice note (Ogg/Opus only)
     * @param tracking echoed back in status webhooks, if not null
     * @return the body; never null
     */
    public static ObjectNode audio(String to, String mediaId, boolean voice, @Nullable String tracking) {
        var message = envelope(to, "audio", tracking);
        var audio = message.putObject("audio").put("id", mediaId);
        if (voice) {
            audio.put("voice", true);
        }
        return message;
    }

    /**
     * A template message.
     *
     * @param to the recipient
     * @param name the approved template's name
     * @param languageCode the template language, such as {@code en_US}
     * @param components the components with their parameters; omitted when empty
     * @return the body; never null
     */
    public static ObjectNode template(String to, String name, String languageCode, ArrayNode components) {
        var message = envelope(to, "template", null);
        var template = message.putObject("template").put("name", name);
        template.putObject("language").put("code", languageCode);
        if (!components.isEmpty()) {
            template.set("components", components);
        }
        return message;
    }

    /**
     * Marks an inbound message read and shows the typing indicator (it disappears on the reply or after 25 s).
     *
     * @param wamid the inbound message's id
     * @return the body; never null
     */
    public static ObjectNode readWithTyping(String wamid) {
        var status = Json.MAPPER
                .createObjectNode()
                .put("messaging_product", "whatsapp")
                .put("status", "read")
                .put("message_id", wamid);
        status.putObject("typing_indicator").put("type", "text");
        return status;
    }

    /**
     * Whether an address is a business-scoped user id rather than a phone number.
     *
     * @param address the address
     * @return true for a BSUID
     */
    public static boolean isBusinessScopedId(String address) {
        return BSUID.matcher(address).matches();
    }

    private static ObjectNode envelope(String to, String type, @Nullable String tracking) {
        var message = Json.MAPPER
                .createObjectNode()
                .put("messaging_product", "whatsapp")
                .put("recipient_type", "individual");
        message.put(isBusinessScopedId(to) ? "recipient" : "to", to);
        message.put("type", type);
        if (tracking != null && tracking.length() <= MAX_TRACKING) {
            message.put("biz_opaque_callback_data", tracking);
        }
        return message;
    }
}
