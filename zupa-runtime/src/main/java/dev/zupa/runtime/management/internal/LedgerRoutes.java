package dev.zupa.runtime.management.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.zupa.engine.ThreadId;
import dev.zupa.engine.checkpoint.LedgerQuery;
import dev.zupa.runtime.management.SlaReport;
import java.io.IOException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** The ledger, filtered, and the SLA report computed from it. */
final class LedgerRoutes {
    private static final Duration LONGEST_WINDOW = Duration.ofDays(366);

    private final Managed managed;

    LedgerRoutes(Managed managed) {
        this.managed = managed;
    }

    void register(Router router) {
        router.route("GET", "/ledger", this::ledger).route("GET", "/sla", this::sla);
    }

    /** {@code ?thread=&type=a,b&limit=&after=}: entries in sequence order, and {@code next} to page on with. */
    private void ledger(Call call) throws IOException {
        var store = managed.one(call).agent().store();
        var types = call.query("type")
                .map(t -> Arrays.stream(t.split(","))
                        .map(String::strip)
                        .filter(s -> !s.isEmpty())
                        .collect(Collectors.toSet()))
                .orElse(Set.of());
        int limit = call.intQuery("limit", 100, 1, 1_000);
        long after = call.longQuery("after", 0, 0, Long.MAX_VALUE);
        var query = new LedgerQuery(call.query("thread").map(ThreadId::of), types, Optional.empty(), after, limit);
        var entries = store.ledger(query);
        var body = new LinkedHashMap<String, Object>();
        body.put("entries", entries.stream().map(LedgerJson::entry).toList());
        if (entries.size() == limit) {
            body.put("next", entries.get(entries.size() - 1).sequence());
        }
        call.json(200, body);
    }

    /** {@code ?window=PT1H}: the report of the window that ends now, for the server's objective. */
    private void sla(Call call) throws IOException {
        var a = managed.one(call);
        var window = window(call.query("window").orElse("PT1H"));
        var to = managed.clock().instant();
        var report = SlaReport.of(a.agent().store(), managed.slo(), to.minus(window), to);
        ObjectNode body = Json.MAPPER.valueToTree(report);
        body.put("agent", a.name());
        body.put("window", window.toString());
        body.put("missesLeft", report.missesLeft());
        call.json(200, body);
    }

    private static Duration window(String text) {
        try {
            var window = Duration.parse(text);
            if (window.isNegative() || window.isZero() || window.compareTo(LONGEST_WINDOW) > 0) {
                throw new HttpError(400, "window must be positive and at most " + LONGEST_WINDOW + ", got " + text);
            }
            return window;
        } catch (DateTimeParseException e) {
            throw new HttpError(400, "window must be an ISO-8601 duration such as PT1H, got '" + text + "'");
        }
    }
}
