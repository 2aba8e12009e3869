package dev.zupa.runtime.management.internal;

import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.tracer.common.SpanContext;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;

/** The only class that names Prometheus types; loaded only when {@link Prometheus#available()}. */
final class PrometheusRegistries {
    private PrometheusRegistries() {}

    /** The OpenMetrics content type, the one exposition that carries exemplars. */
    static final String OPEN_METRICS = "application/openmetrics-text; version=1.0.0; charset=utf-8";

    static MeterRegistry create() {
        return new PrometheusMeterRegistry(
                PrometheusConfig.DEFAULT, new PrometheusRegistry(), Clock.SYSTEM, new CorrelationExemplars());
    }

    static Optional<String> scrape(MeterRegistry registry, boolean openMetrics) {
        if (!(registry instanceof PrometheusMeterRegistry prometheus)) {
            return Optional.empty();
        }
        return Optional.of(openMetrics ? prometheus.scrape(OPEN_METRICS) : prometheus.scrape());
    }

    /**
     * Exemplars that point at a turn: the correlation id in the MDC of the thread that records a measurement (the
     * agent's events are emitted on the turn's threads) becomes the exemplar's trace id, so a slow bucket links to
     * the ledger entries of a turn that fell into it.
     */
    private static final class CorrelationExemplars implements SpanContext {
        @Override
        public @Nullable String getCurrentTraceId() {
            var id = MDC.get("correlationId");
            return id == null || id.isBlank() ? null : id;
        }

        @Override
        public @Nullable String getCurrentSpanId() {
            return getCurrentTraceId();
        }

        @Override
        public boolean isCurrentSpanSampled() {
            return getCurrentTraceId() != null;
        }

        @Override
        public void markCurrentSpanAsExemplar() {}
    }
}
