package dev.zupa.runtime.management.internal;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Optional;

/** The only class that names Prometheus types; loaded only when {@link Prometheus#available()}. */
final class PrometheusRegistries {
    private PrometheusRegistries() {}

    static MeterRegistry create() {
        return new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    }

    static Optional<String> scrape(MeterRegistry registry) {
        return registry instanceof PrometheusMeterRegistry prometheus
                ? Optional.of(prometheus.scrape())
                : Optional.empty();
    }
}
