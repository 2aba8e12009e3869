package dev.zupa.adapters.whatsappcloud;

import java.util.List;
import java.util.Objects;

/**
 * One component of a template message with text parameters, filling the {@code {{1}}}, {@code {{2}}}, … of an
 * approved template's header or body in order. Components with other parameter types (images, currencies, buttons
 * with {@code sub_type} and {@code index}) are sent with
 * {@link WhatsAppCloudTransport#sendTemplate(String, String, String, String)} as raw JSON.
 *
 * @param type the component type, {@code header} or {@code body}; never null
 * @param textParameters the parameter values in order; never null, copied
 * @since 0.1
 */
public record TemplateComponent(String type, List<String> textParameters) {
    /** Validates the component and copies the parameters. */
    public TemplateComponent {
        Objects.requireNonNull(type, "type");
        if (!type.equals("header") && !type.equals("body")) {
            throw new IllegalArgumentException("type must be 'header' or 'body', was '" + type + "'");
        }
        textParameters = List.copyOf(textParameters);
    }

    /**
     * The body with text parameters.
     *
     * @param parameters the values of {@code {{1}}}, {@code {{2}}}, …; none null
     * @return the component; never null
     */
    public static TemplateComponent body(String... parameters) {
        return new TemplateComponent("body", List.of(parameters));
    }

    /**
     * The header with text parameters.
     *
     * @param parameters the values of the header's placeholders; none null
     * @return the component; never null
     */
    public static TemplateComponent header(String... parameters) {
        return new TemplateComponent("header", List.of(parameters));
    }
}
