package dev.zupa.core.internal;

import dev.zupa.core.ZupaConfigurationException;
import dev.zupa.core.spi.ProviderFactory;
import java.security.CodeSource;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceLoader;
import java.util.WeakHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds provider factories through {@link ServiceLoader}, by name. Not API.
 *
 * <p>Results are cached per class loader and factory type. Two factories with one name are rejected, naming both
 * jars, because picking one silently would make behaviour depend on class path order.
 */
public final class Providers {
    private static final Logger log = LoggerFactory.getLogger(Providers.class);
    private static final Map<ClassLoader, Map<Class<?>, Map<String, ?>>> cache = new WeakHashMap<>();

    private Providers() {}

    /**
     * The factory registered under a name.
     *
     * @param type the factory interface
     * @param name the provider name
     * @param artifactHint the Maven artifact that provides this name, for the error message
     * @param loader where to look; the thread context loader by default
     */
    public static <F extends ProviderFactory<?>> F find(
            Class<F> type, String name, String artifactHint, ClassLoader loader) {
        Objects.requireNonNull(name, "name");
        var found = all(type, loader).get(name);
        if (found == null) {
            throw new ZupaConfigurationException("no " + type.getSimpleName() + " named '" + name
                    + "' on the class path (found " + all(type, loader).keySet() + "); add " + artifactHint);
        }
        return found;
    }

    /** Every factory of a type, by name, in discovery order. */
    @SuppressWarnings("unchecked")
    public static synchronized <F extends ProviderFactory<?>> Map<String, F> all(Class<F> type, ClassLoader loader) {
        var perLoader = cache.computeIfAbsent(loader, l -> new LinkedHashMap<>());
        return (Map<String, F>) perLoader.computeIfAbsent(type, t -> load(type, loader));
    }

    /** The context class loader, or this class's loader when a thread has none. */
    public static ClassLoader defaultLoader() {
        var loader = Thread.currentThread().getContextClassLoader();
        return loader != null ? loader : Providers.class.getClassLoader();
    }

    private static <F extends ProviderFactory<?>> Map<String, F> load(Class<F> type, ClassLoader loader) {
        var byName = new LinkedHashMap<String, F>();
        for (F factory : ServiceLoader.load(type, loader)) {
            F previous = byName.putIfAbsent(factory.name(), factory);
            if (previous != null) {
                throw new ZupaConfigurationException("two " + type.getSimpleName() + " providers are named '"
                        + factory.name() + "': " + location(previous) + " and " + location(factory)
                        + "; remove one of the jars");
            }
            log.debug(
                    "found {} '{}' ({}) in {}",
                    type.getSimpleName(),
                    factory.name(),
                    factory.getClass().getName(),
                    location(factory));
        }
        return Map.copyOf(byName);
    }

    private static String location(Object factory) {
        CodeSource source = factory.getClass().getProtectionDomain().getCodeSource();
        return factory.getClass().getName() + " from "
                + (source == null ? "an unknown location" : source.getLocation());
    }
}
