package dev.zupa.runtime.management.internal;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/** The {@code zupa.*} meters as JSON for people and the dashboard, and as Prometheus text for scrapers. */
final class MetricsRoutes {
    private final Managed managed;

    MetricsRoutes(Managed managed) {
        this.managed = managed;
    }

    void register(Router router) {
        router.route("GET", "/metrics", this::summary).route("GET", "/metrics/prometheus", this::prometheus);
    }

    private void summary(Call call) throws IOException {
        var meters = managed.registry().getMeters().stream()
                .filter(m -> m.getId().getName().startsWith("zupa."))
                .sorted(Comparator.comparing((Meter m) -> m.getId().getName())
                        .thenComparing(m -> m.getId().getTags().toString()))
                .map(MetricsRoutes::describe)
                .filter(Objects::nonNull)
                .toList();
        call.json(200, Map.of("at", managed.clock().instant().toString(), "meters", meters));
    }

    private void prometheus(Call call) throws IOException {
        if (!managed.prometheus().available()) {
            throw new HttpError(
                    404,
                    "Prometheus export is off: add io.micrometer:micrometer-registry-prometheus to the class path");
        }
        var accept = call.exchange().getRequestHeaders().getFirst("Accept");
        boolean openMetrics = accept != null && accept.contains("application/openmetrics-text");
        var text = managed.prometheus()
                .scrape(managed.registry(), openMetrics)
                .orElseThrow(() -> new HttpError(404, "the server's registry is not a Prometheus registry"));
        call.send(
                200,
                openMetrics
                        ? "application/openmetrics-text; version=1.0.0; charset=utf-8"
                        : "text/plain; version=0.0.4; charset=utf-8",
                text.getBytes(StandardCharsets.UTF_8));
    }

    private static @Nullable Map<String, Object> describe(Meter meter) {
        var fields = new LinkedHashMap<String, Object>();
        fields.put("name", meter.getId().getName());
        var tags = new TreeMap<String, String>();
        meter.getId().getTags().forEach(t -> tags.put(t.getKey(), t.getValue()));
        fields.put("tags", tags);
        switch (meter) {
            case Timer timer -> {
                fields.put("type", "timer");
                fields.put("count", timer.count());
                fields.put("totalMs", timer.totalTime(TimeUnit.MILLISECONDS));
                fields.put("meanMs", timer.mean(TimeUnit.MILLISECONDS));
                fields.put("maxMs", timer.max(TimeUnit.MILLISECONDS));
                for (var p : timer.takeSnapshot().percentileValues()) {
                    fields.put("p" + Math.round(p.percentile() * 100) + "Ms", p.value(TimeUnit.MILLISECONDS));
                }
            }
            case Counter counter -> {
                fields.put("type", "counter");
                fields.put("value", counter.count());
            }
            case Gauge gauge -> {
                fields.put("type", "gauge");
                double value = gauge.value();
                // JSON has no NaN: a gauge that cannot be read now has no value
                fields.put("value", Double.isNaN(value) ? null : value);
            }
            default -> {
                return null;
            }
        }
        return fields;
    }
}
