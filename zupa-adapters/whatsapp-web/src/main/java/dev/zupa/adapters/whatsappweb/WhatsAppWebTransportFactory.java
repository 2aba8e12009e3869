package dev.zupa.adapters.whatsappweb;

import dev.zupa.core.ZupaConfigurationException;
import dev.zupa.core.spi.ProviderConfig;
import dev.zupa.core.spi.TransportFactory;
import dev.zupa.core.transport.Transport;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.function.Function;

/**
 * Provides the {@value #NAME} transport: a {@link WhatsAppWebTransport} configured from settings, all optional,
 * with the builder's defaults:
 *
 * <ul>
 *   <li>{@value #NODE}: the Node.js executable;
 *   <li>{@value #SIDECAR_DIRECTORY}, {@value #NODE_MODULES}, {@value #AUTH_DIRECTORY}, {@value #CHROMIUM}: paths;
 *   <li>{@value #CLIENT_ID}: the {@code LocalAuth} client id;
 *   <li>{@value #RESTART_BACKOFF_INITIAL}, {@value #RESTART_BACKOFF_MAX}, {@value #READY_TIMEOUT},
 *       {@value #COMMAND_TIMEOUT}, {@value #SHUTDOWN_TIMEOUT}: ISO-8601 durations such as {@code PT30S}.
 * </ul>
 *
 * <p>Thread-safe; registered in {@code META-INF/services/dev.zupa.core.spi.TransportFactory}.
 *
 * @since 0.1
 */
public final class WhatsAppWebTransportFactory implements TransportFactory {
    /** The provider name, {@code whatsapp-web}. */
    public static final String NAME = WhatsAppWebTransport.NAME;

    /** The setting for the Node.js executable. */
    public static final String NODE = "node";

    /** The setting for the directory the sidecar runs in. */
    public static final String SIDECAR_DIRECTORY = "sidecarDirectory";

    /** The setting for a {@code node_modules} directory installed elsewhere. */
    public static final String NODE_MODULES = "nodeModules";

    /** The setting for the directory the login session is kept in. */
    public static final String AUTH_DIRECTORY = "authDirectory";

    /** The setting for the {@code LocalAuth} client id. */
    public static final String CLIENT_ID = "clientId";

    /** The setting for the Chromium executable. */
    public static final String CHROMIUM = "chromium";

    /** The setting for the first restart delay. */
    public static final String RESTART_BACKOFF_INITIAL = "restartBackoffInitial";

    /** The setting for the longest restart delay. */
    public static final String RESTART_BACKOFF_MAX = "restartBackoffMax";

    /** The setting for how long to wait for {@code ready} after authentication. */
    public static final String READY_TIMEOUT = "readyTimeout";

    /** The setting for how long sends and downloads wait. */
    public static final String COMMAND_TIMEOUT = "commandTimeout";

    /** The setting for how long closing waits for the sidecar. */
    public static final String SHUTDOWN_TIMEOUT = "shutdownTimeout";

    /** Creates the factory; {@link java.util.ServiceLoader} calls this. */
    public WhatsAppWebTransportFactory() {}

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
     * Creates an unstarted whatsapp-web transport.
     *
     * @param config the settings; never null
     * @return a new transport; never null
     * @throws ZupaConfigurationException naming the setting when one is blank, not a path, not a duration, or out
     *     of range
     */
    @Override
    public Transport create(ProviderConfig config) {
        Objects.requireNonNull(config, "config");
        var builder = WhatsAppWebTransport.builder();
        apply(config, NODE, Function.identity(), builder::node);
        apply(config, SIDECAR_DIRECTORY, Path::of, builder::sidecarDirectory);
        apply(config, NODE_MODULES, Path::of, builder::nodeModules);
        apply(config, AUTH_DIRECTORY, Path::of, builder::authDirectory);
        apply(config, CLIENT_ID, Function.identity(), builder::clientId);
        apply(config, CHROMIUM, Path::of, builder::chromium);
        apply(config, READY_TIMEOUT, Duration::parse, builder::readyTimeout);
        apply(config, COMMAND_TIMEOUT, Duration::parse, builder::commandTimeout);
        apply(config, SHUTDOWN_TIMEOUT, Duration::parse, builder::shutdownTimeout);
        var initial = config.get(RESTART_BACKOFF_INITIAL);
        var max = config.get(RESTART_BACKOFF_MAX);
        if (initial.isPresent() || max.isPresent()) {
            var first = parse(RESTART_BACKOFF_INITIAL, initial.orElse("PT1S"), Duration::parse);
            var longest = parse(RESTART_BACKOFF_MAX, max.orElse("PT1M"), Duration::parse);
            settle(RESTART_BACKOFF_INITIAL + "/" + RESTART_BACKOFF_MAX, () -> builder.restartBackoff(first, longest));
        }
        return builder.build();
    }

    private static <T> void apply(
            ProviderConfig config, String key, Function<String, T> parser, java.util.function.Consumer<T> setter) {
        config.get(key).ifPresent(value -> {
            var parsed = parse(key, value, parser);
            settle(key, () -> setter.accept(parsed));
        });
    }

    private static <T> T parse(String key, String value, Function<String, T> parser) {
        if (value.isBlank()) {
            throw new ZupaConfigurationException("whatsapp-web setting '" + key + "' must not be blank");
        }
        try {
            return parser.apply(value.strip());
        } catch (InvalidPathException | DateTimeParseException e) {
            throw new ZupaConfigurationException(
                    "whatsapp-web setting '" + key + "' is not valid: '" + value + "' (" + e.getMessage() + ")", e);
        }
    }

    private static void settle(String key, Runnable setter) {
        try {
            setter.run();
        } catch (IllegalArgumentException e) {
            throw new ZupaConfigurationException(
                    "whatsapp-web setting '" + key + "' is not valid: " + e.getMessage(), e);
        }
    }
}
