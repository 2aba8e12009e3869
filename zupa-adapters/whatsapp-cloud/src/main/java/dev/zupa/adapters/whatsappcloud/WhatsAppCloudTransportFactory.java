package dev.zupa.adapters.whatsappcloud;

import dev.zupa.core.ZupaConfigurationException;
import dev.zupa.core.spi.ProviderConfig;
import dev.zupa.core.spi.TransportFactory;
import dev.zupa.core.transport.Transport;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Creates {@link WhatsAppCloudTransport}s by the name {@value #NAME}; registered for {@link java.util.ServiceLoader}
 * in {@code META-INF/services/dev.zupa.core.spi.TransportFactory}.
 *
 * <p>Settings, each falling back to an environment variable where one is named:
 *
 * <ul>
 *   <li>{@value #ACCESS_TOKEN} ({@value #ACCESS_TOKEN_ENV}), required;
 *   <li>{@value #APP_SECRET} ({@value #APP_SECRET_ENV}), required;
 *   <li>{@value #VERIFY_TOKEN} ({@value #VERIFY_TOKEN_ENV}), required;
 *   <li>{@value #PHONE_NUMBER_ID} ({@value #PHONE_NUMBER_ID_ENV}), required;
 *   <li>{@value #PORT} ({@value #PORT_ENV}): opens the standalone listener on that port; without it, mount
 *       {@link WhatsAppCloudTransport#webhookHandler()} yourself;
 *   <li>{@value #HOST} and {@value #PATH}: the listener's bind address and path;
 *   <li>{@value #GRAPH_BASE_URL}, {@value #API_VERSION} and {@value #MAX_WEBHOOK_BODY_BYTES}.
 * </ul>
 *
 * <p>Each setting means what the {@link WhatsAppCloudTransport.Builder} method of the same name says. Thread-safe.
 *
 * @since 0.1
 */
public final class WhatsAppCloudTransportFactory implements TransportFactory {
    /** The provider name. */
    public static final String NAME = WhatsAppCloudTransport.NAME;

    /** The access token setting. */
    public static final String ACCESS_TOKEN = "accessToken";
    /** The app secret setting. */
    public static final String APP_SECRET = "appSecret";
    /** The verify token setting. */
    public static final String VERIFY_TOKEN = "verifyToken";
    /** The phone number id setting. */
    public static final String PHONE_NUMBER_ID = "phoneNumberId";
    /** The standalone listener's port setting. */
    public static final String PORT = "port";
    /** The standalone listener's bind address setting. */
    public static final String HOST = "host";
    /** The standalone listener's path setting. */
    public static final String PATH = "path";
    /** The Graph API host setting. */
    public static final String GRAPH_BASE_URL = "graphBaseUrl";
    /** The Graph API version setting. */
    public static final String API_VERSION = "apiVersion";
    /** The webhook body limit setting, in bytes. */
    public static final String MAX_WEBHOOK_BODY_BYTES = "maxWebhookBodyBytes";

    /** The environment variable read when {@value #ACCESS_TOKEN} is absent. */
    public static final String ACCESS_TOKEN_ENV = "WHATSAPP_ACCESS_TOKEN";
    /** The environment variable read when {@value #APP_SECRET} is absent. */
    public static final String APP_SECRET_ENV = "WHATSAPP_APP_SECRET";
    /** The environment variable read when {@value #VERIFY_TOKEN} is absent. */
    public static final String VERIFY_TOKEN_ENV = "WHATSAPP_VERIFY_TOKEN";
    /** The environment variable read when {@value #PHONE_NUMBER_ID} is absent. */
    public static final String PHONE_NUMBER_ID_ENV = "WHATSAPP_PHONE_NUMBER_ID";
    /** The environment variable read when {@value #PORT} is absent. */
    public static final String PORT_ENV = "WHATSAPP_WEBHOOK_PORT";

    private final Function<String, @Nullable String> environment;

    /** Creates the factory; it reads the process environment. */
    public WhatsAppCloudTransportFactory() {
        this(System::getenv);
    }

    WhatsAppCloudTransportFactory(Function<String, @Nullable String> environment) {
        this.environment = Objects.requireNonNull(environment, "environment");
    }

    /**
     * The provider name.
     *
     * @return {@value #NAME}
     */
    @Override
    public String name() {
        return NAME;
    }

    /**
     * Creates a transport from settings and the environment.
     *
     * @param config the settings; never null
     * @return a new, unstarted transport; never null
     * @throws ZupaConfigurationException naming the setting and variable when a required one is missing, or the
     *     setting that is invalid
     */
    @Override
    public Transport create(ProviderConfig config) {
        Objects.requireNonNull(config, "config");
        var builder = WhatsAppCloudTransport.builder();
        try {
            builder.accessToken(required(config, ACCESS_TOKEN, ACCESS_TOKEN_ENV));
            builder.appSecret(required(config, APP_SECRET, APP_SECRET_ENV));
            builder.verifyToken(required(config, VERIFY_TOKEN, VERIFY_TOKEN_ENV));
            builder.phoneNumberId(required(config, PHONE_NUMBER_ID, PHONE_NUMBER_ID_ENV));
            setting(config, PORT, PORT_ENV).ifPresent(port -> builder.listenPort(number(PORT, port)));
            setting(config, HOST, null).ifPresent(builder::listenHost);
            setting(config, PATH, null).ifPresent(builder::listenPath);
            setting(config, GRAPH_BASE_URL, null).ifPresent(builder::graphBaseUrl);
            setting(config, API_VERSION, null).ifPresent(builder::apiVersion);
            setting(config, MAX_WEBHOOK_BODY_BYTES, null)
                    .ifPresent(max -> builder.maxWebhookBodyBytes(number(MAX_WEBHOOK_BODY_BYTES, max)));
        } catch (IllegalArgumentException e) {
            throw new ZupaConfigurationException("invalid whatsapp-cloud setting: " + e.getMessage(), e);
        }
        return builder.build();
    }

    private String required(ProviderConfig config, String key, String variable) {
        return setting(config, key, variable)
                .orElseThrow(() -> new ZupaConfigurationException(
                        "whatsapp-cloud needs the setting '" + key + "' or the environment variable " + variable));
    }

    private Optional<String> setting(ProviderConfig config, String key, @Nullable String variable) {
        return config.get(key)
                .filter(value -> !value.isBlank())
                .or(() -> variable == null
                        ? Optional.empty()
                        : Optional.ofNullable(environment.apply(variable)).filter(value -> !value.isBlank()))
                .map(String::strip);
    }

    private static int number(String key, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a whole number, was '" + value + "'", e);
        }
    }
}
