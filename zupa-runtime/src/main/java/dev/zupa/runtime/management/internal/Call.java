package dev.zupa.runtime.management.internal;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** One request: its method, path parameters and query, and the ways to answer it. */
final class Call {
    private static final int MAX_BODY = 64 * 1024;

    private final HttpExchange exchange;
    private final Map<String, String> path;
    private final Map<String, String> query;

    Call(HttpExchange exchange, Map<String, String> path) {
        this.exchange = exchange;
        this.path = path;
        this.query = parse(exchange.getRequestURI().getRawQuery());
    }

    HttpExchange exchange() {
        return exchange;
    }

    String method() {
        return exchange.getRequestMethod();
    }

    String path(String name) {
        return path.getOrDefault(name, "");
    }

    Optional<String> query(String name) {
        return Optional.ofNullable(query.get(name)).filter(v -> !v.isBlank());
    }

    /** An integer query parameter within bounds, or its default; 400 when it is not one. */
    int intQuery(String name, int fallback, int min, int max) {
        return (int) longQuery(name, fallback, min, max);
    }

    /** A long query parameter within bounds, or its default; 400 when it is not one. */
    long longQuery(String name, long fallback, long min, long max) {
        var text = query(name);
        if (text.isEmpty()) {
            return fallback;
        }
        try {
            long value = Long.parseLong(text.get());
            if (value < min || value > max) {
                throw new HttpError(400, name + " must be between " + min + " and " + max + ", got " + value);
            }
            return value;
        } catch (NumberFormatException e) {
            throw new HttpError(400, name + " must be a whole number, got '" + text.get() + "'");
        }
    }

    /** The request body as text, at most 64 KiB. */
    String body() throws IOException {
        try (var in = exchange.getRequestBody()) {
            var bytes = in.readNBytes(MAX_BODY + 1);
            if (bytes.length > MAX_BODY) {
                throw new HttpError(413, "the request body is larger than " + MAX_BODY + " bytes");
            }
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    void json(int status, Object body) throws IOException {
        send(status, "application/json; charset=utf-8", Json.bytes(body));
    }

    void send(int status, String contentType, byte[] body) throws IOException {
        var headers = exchange.getResponseHeaders();
        headers.set("Content-Type", contentType);
        headers.set("Cache-Control", "no-store");
        headers.set("X-Content-Type-Options", "nosniff");
        // the dashboard's address may carry the token: never hand it to another site
        headers.set("Referrer-Policy", "no-referrer");
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (var out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private static Map<String, String> parse(@Nullable String raw) {
        var params = new HashMap<String, String>();
        if (raw == null || raw.isEmpty()) {
            return params;
        }
        for (var pair : List.of(raw.split("&"))) {
            int eq = pair.indexOf('=');
            var name = decode(eq < 0 ? pair : pair.substring(0, eq));
            var value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            params.putIfAbsent(name, value);
        }
        return params;
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new HttpError(400, "the query string is not valid URL encoding");
        }
    }
}
