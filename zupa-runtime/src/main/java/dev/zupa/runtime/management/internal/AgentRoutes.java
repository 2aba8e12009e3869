package dev.zupa.runtime.management.internal;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Liveness, readiness, the transport's connection, and pausing. */
final class AgentRoutes {
    private final Managed managed;

    AgentRoutes(Managed managed) {
        this.managed = managed;
    }

    void register(Router router) {
        router.open("GET", "/health", this::health)
                .open("GET", "/ready", this::ready)
                .route("GET", "/transport", this::transport)
                .route("POST", "/pause", call -> pause(call, true))
                .route("POST", "/resume", call -> pause(call, false));
    }

    /** Up while the server answers: a liveness probe needs nothing more, and tells nothing about the agents. */
    private void health(Call call) throws IOException {
        call.json(200, Map.of("status", "UP", "at", managed.clock().instant().toString()));
    }

    /** 200 when every agent is ready, else 503, with each agent's checks. */
    private void ready(Call call) throws IOException {
        var agents = managed.agents().stream()
                .map(a -> Map.<String, Object>of(
                        "agent", a.name(),
                        "ready", a.ready(),
                        "transport", a.transport().state().name(),
                        "paused", a.agent().paused()))
                .toList();
        boolean ready = managed.agents().stream().allMatch(ManagedAgent::ready);
        call.json(ready ? 200 : 503, Map.of("ready", ready, "agents", agents));
    }

    private void transport(Call call) throws IOException {
        var agents = managed.select(call).stream()
                .map(a -> {
                    var fields = new LinkedHashMap<String, Object>();
                    fields.put("agent", a.name());
                    fields.putAll(a.transport().describe());
                    return fields;
                })
                .toList();
        call.json(200, Map.of("agents", agents));
    }

    private void pause(Call call, boolean pause) throws IOException {
        List<ManagedAgent> chosen = managed.select(call);
        for (var a : chosen) {
            if (pause) {
                a.agent().pause();
            } else {
                a.agent().resume();
            }
        }
        var agents = chosen.stream()
                .map(a -> Map.<String, Object>of(
                        "agent", a.name(), "paused", a.agent().paused()))
                .toList();
        call.json(200, Map.of("agents", agents));
    }
}
