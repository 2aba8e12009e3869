package dev.zupa.runtime.management.internal;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Optional;

/**
 * Whether {@code micrometer-registry-prometheus} is on the class path, found at run time. Only when it is does any
 * code touch its classes (through {@link PrometheusRegistries}), so an application without it loads this class
 * safely.
 */
public record Prometheus(boolean available) {
    /** The registry class the optional dependency provides. */
    public static final String REGISTRY_CLASS = "io.micrometer.prometheusmetrics.PrometheusMeterRegistry";

    /** Looks for the registry class with this class's loader. */
    public static Prometheus detect() {
        return detect(REGISTRY_CLASS);
    }

    /** Looks for a class by name; for tests of the absent case. */
    static Prometheus detect(String className) {
        try {
            Class.forName(className, false, Prometheus.class.getClassLoader());
            return new Prometheus(true);
        } catch (ClassNotFoundException | LinkageError e) {
            return new Prometheus(false);
        }
    }

    /** A Prometheus registry when available, else a simple in-memory one. */
    public MeterRegistry newRegistry() {
        return available ? PrometheusRegistries.create() : new SimpleMeterRegistry();
    }

    /**
     * The text exposition of a registry, when it is a Prometheus registry: OpenMetrics (with exemplars) when asked
     * for, else the classic Prometheus text format.
     */
    Optional<String> scrape(MeterRegistry registry, boolean openMetrics) {
        return available ? PrometheusRegistries.scrape(registry, openMetrics) : Optional.empty();
    }
}
