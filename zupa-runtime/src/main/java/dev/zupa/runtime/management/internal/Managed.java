package dev.zupa.runtime.management.internal;

import dev.zupa.runtime.management.Slo;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.List;

/**
 * What the routes serve: the agents, the registry their metrics are read from, the objective of {@code /sla}, the
 * clock that ends its window, and the event feed.
 */
public record Managed(
        List<ManagedAgent> agents,
        MeterRegistry registry,
        Prometheus prometheus,
        Slo slo,
        Clock clock,
        EventFeed feed) {

    /** Copies the agents. */
    public Managed {
        agents = List.copyOf(agents);
    }

    /** The agent {@code ?agent=} names, or every agent when it names none; 404 for an unknown name. */
    List<ManagedAgent> select(Call call) {
        var name = call.query("agent");
        if (name.isEmpty()) {
            return agents;
        }
        return List.of(named(name.get()));
    }

    /** The agent {@code ?agent=} names, or the only one; 400 when several could be meant. */
    ManagedAgent one(Call call) {
        var name = call.query("agent");
        if (name.isPresent()) {
            return named(name.get());
        }
        if (agents.size() == 1) {
            return agents.get(0);
        }
        throw new HttpError(400, "this server manages several agents; name one with ?agent=");
    }

    private ManagedAgent named(String name) {
        return agents.stream()
                .filter(a -> a.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new HttpError(404, "no agent named '" + name + "'"));
    }
}
