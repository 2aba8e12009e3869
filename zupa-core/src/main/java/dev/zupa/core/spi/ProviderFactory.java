package dev.zupa.core.spi;

import dev.zupa.core.internal.Providers;
import java.util.Map;

/**
 * A factory that an adapter registers in {@code META-INF/services} so that Zupa finds it by name. Each port has its
 * own factory sub-interface; this one holds what they share.
 *
 * <p>Implementations must be thread-safe and have a public no-argument constructor.
 *
 * @param <T> what the factory creates
 * @since 0.1
 */
public interface ProviderFactory<T> {
    /**
     * The name users select the provider by, such as {@code "sqlite"} or {@code "openai"}. Lower case, stable.
     *
     * @return the name; never null
     */
    String name();

    /**
     * Creates a provider from configuration.
     *
     * @param config the settings, from code or the environment; never null
     * @return a new provider; never null
     * @throws dev.zupa.core.ZupaConfigurationException when a setting is missing or invalid
     */
    T create(ProviderConfig config);

    /**
     * Every factory of a kind on the class path (the thread's context class loader), by name.
     *
     * @param type the factory interface, such as {@code ChatModelFactory.class}; never null
     * @param <F> the factory type
     * @return the factories by name, in discovery order; never null
     * @throws dev.zupa.core.ZupaConfigurationException when two factories share a name
     */
    static <F extends ProviderFactory<?>> Map<String, F> available(Class<F> type) {
        return Providers.all(type, Providers.defaultLoader());
    }
}
