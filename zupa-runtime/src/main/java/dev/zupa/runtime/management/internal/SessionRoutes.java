package dev.zupa.runtime.management.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.zupa.core.conversation.Session;
import dev.zupa.core.conversation.SessionId;
import dev.zupa.engine.ThreadId;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Active sessions, one session with its recent ledger, and ending a session as an operator. */
final class SessionRoutes {
    private static final String DEFAULT_REASON = "ended by an operator";

    private final Managed managed;

    SessionRoutes(Managed managed) {
        this.managed = managed;
    }

    void register(Router router) {
        router.route("GET", "/sessions", this::list)
                .route("GET", "/sessions/{id}", this::detail)
                .route("POST", "/sessions/{id}/end", this::end);
    }

    private void list(Call call) throws IOException {
        int limit = call.intQuery("limit", 100, 1, 10_000);
        var found = new ArrayList<Found>();
        for (var a : managed.select(call)) {
            for (var session : a.agent().directory().activeSessions(limit)) {
                found.add(new Found(a, session));
            }
        }
        var sessions = found.stream()
                .sorted(Comparator.comparing((Found f) -> f.session().lastActiveAt())
                        .reversed())
                .limit(limit)
                .map(f -> describe(f.agent(), f.session()))
                .toList();
        call.json(200, Map.of("sessions", sessions));
    }

    private void detail(Call call) throws IOException {
        int count = call.intQuery("ledger", 50, 0, 1_000);
        var found = find(call);
        var fields = describe(found.agent(), found.session());
        found.session().endedAt().ifPresent(e -> fields.put("endedAt", e.toString()));
        found.session().summary().ifPresent(s -> fields.put("summary", s));
        fields.put(
                "ledger",
                count == 0
                        ? List.of()
                        : LedgerJson.recent(
                                found.agent().agent().store(),
                                ThreadId.of(found.session().id().value()),
                                count));
        call.json(200, fields);
    }

    private void end(Call call) throws IOException {
        var found = find(call);
        var reason = reason(call.body());
        if (!found.session().active()
                || !found.agent().agent().endSession(found.session().id(), reason)) {
            throw new HttpError(409, "session " + found.session().id() + " is not open");
        }
        call.json(
                200,
                Map.of("agent", found.agent().name(), "id", found.session().id().value(), "ended", true));
    }

    private record Found(ManagedAgent agent, Session session) {}

    private Found find(Call call) {
        var id = new SessionId(call.path("id"));
        for (var a : managed.select(call)) {
            Optional<Session> session = a.agent().directory().session(id);
            if (session.isPresent()) {
                return new Found(a, session.get());
            }
        }
        throw new HttpError(404, "no session " + id);
    }

    /** The reason in a body such as {@code {"reason": "spam"}}; the default when the body is empty. */
    private static String reason(String body) {
        if (body.isBlank()) {
            return DEFAULT_REASON;
        }
        try {
            var text = Json.MAPPER.readTree(body).path("reason").asText("");
            return text.isBlank() ? DEFAULT_REASON : text;
        } catch (JsonProcessingException e) {
            throw new HttpError(400, "the body must be JSON such as {\"reason\": \"...\"}");
        }
    }

    private static Map<String, Object> describe(ManagedAgent a, Session session) {
        var fields = new LinkedHashMap<String, Object>();
        fields.put("agent", a.name());
        fields.put("id", session.id().value());
        fields.put("userId", session.userId().value());
        a.agent().directory().user(session.userId()).ifPresent(u -> {
            fields.put("user", u.displayName());
            fields.put("transport", u.transport());
            fields.put("address", u.address());
        });
        fields.put("startedAt", session.startedAt().toString());
        fields.put("lastActiveAt", session.lastActiveAt().toString());
        fields.put("turns", session.turns());
        return fields;
    }
}
