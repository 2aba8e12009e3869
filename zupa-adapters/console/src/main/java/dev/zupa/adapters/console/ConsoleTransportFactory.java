package dev.zupa.adapters.console;

import dev.zupa.core.ZupaConfigurationException;
import dev.zupa.core.spi.ProviderConfig;
import dev.zupa.core.spi.TransportFactory;
import dev.zupa.core.transport.Transport;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Provides the {@value #NAME} transport: a {@link ConsoleTransport} on {@code System.in} and {@code System.out}.
 *
 * <p>Settings, all optional:
 *
 * <ul>
 *   <li>{@value #ADDRESS}: the console user's address, {@value ConsoleTransport#DEFAULT_ADDRESS} by default;
 *   <li>{@value #VOICE_DIRECTORY}: where voice replies are saved, {@code <java.io.tmpdir>/zupa-console-voice} by
 *       default;
 *   <li>{@value #AGENT_NAME}: the label of the agent's replies, {@value ConsoleTransport#DEFAULT_AGENT_NAME} by
 *       default.
 * </ul>
 *
 * <p>Thread-safe; registered in {@code META-INF/services/dev.zupa.core.spi.TransportFactory}.
 *
 * @since 0.1
 */
public final class ConsoleTransportFactory implements TransportFactory {
    /** The provider name, {@code console}. */
    public static final String NAME = ConsoleTransport.NAME;

    /** The setting for the console user's address. */
    public static final String ADDRESS = "address";

    /** The setting for the directory voice replies are saved in. */
    public static final String VOICE_DIRECTORY = "voiceDirectory";

    /** The setting for the label of the agent's replies. */
    public static final String AGENT_NAME = "agentName";

    /** Creates the factory; {@link java.util.ServiceLoader} calls this. */
    public ConsoleTransportFactory() {}

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
     * Creates a console transport on {@code System.in} and {@code System.out}.
     *
     * @param config the settings; never null
     * @return a new, unstarted transport; never null
     * @throws ZupaConfigurationException when a setting is blank or the voice directory is not a path
     */
    @Override
    public Transport create(ProviderConfig config) {
        Objects.requireNonNull(config, "config");
        var builder = ConsoleTransport.builder();
        config.get(ADDRESS).ifPresent(value -> builder.address(nonBlank(ADDRESS, value)));
        config.get(AGENT_NAME).ifPresent(value -> builder.agentName(nonBlank(AGENT_NAME, value)));
        config.get(VOICE_DIRECTORY).ifPresent(value -> {
            try {
                builder.voiceDirectory(Path.of(nonBlank(VOICE_DIRECTORY, value)));
            } catch (InvalidPathException e) {
                throw new ZupaConfigurationException(
                        "console setting '" + VOICE_DIRECTORY + "' is not a path: '" + value + "'", e);
            }
        });
        return builder.build();
    }

    private static String nonBlank(String key, String value) {
        if (value.isBlank()) {
            throw new ZupaConfigurationException("console setting '" + key + "' must not be blank");
        }
        return value;
    }
}
