package dev.zupa.runtime.management.internal;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Dispatches requests to routes: 404 for an unknown path, 405 (with {@code Allow}) for a known path and another method,
 * 401 without the token on a protected route; a route's {@link HttpError} becomes {@code {"error": ...}} with its
 * status, anything else a 500 that is logged. Logs name the method and path only, never the query string, which may
 * hold the token.
 */
final class Router implements HttpHandler {
    private static final Logger log = LoggerFactory.getLogger(Router.class);

    /** What answers a route. */
    @FunctionalInterface
    interface Handler {
        void handle(Call call) throws IOException;
    }

    private record Route(String method, Pattern path, boolean open, Handler handler) {}

    private final List<Route> routes = new ArrayList<>();
    private final TokenCheck tokens;

    Router(TokenCheck tokens) {
        this.tokens = tokens;
    }

    /** A protected route; {@code {name}} in the path matches one segment. */
    Router route(String method, String path, Handler handler) {
        routes.add(new Route(method, compile(path), false, handler));
        return this;
    }

    /** A route anyone may call. */
    Router open(String method, String path, Handler handler) {
        routes.add(new Route(method, compile(path), true, handler));
        return this;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            var path = exchange.getRequestURI().getRawPath();
            var method = exchange.getRequestMethod();
            var call = new Call(exchange, Map.of());
            try {
                var allowed = new LinkedHashSet<String>();
                for (var route : routes) {
                    Matcher m = route.path().matcher(path);
                    if (!m.matches()) {
                        continue;
                    }
                    if (!route.method().equals(method)) {
                        allowed.add(route.method());
                        continue;
                    }
                    call = new Call(exchange, groups(route.path(), m));
                    if (!route.open() && !tokens.allows(exchange, call)) {
                        exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer");
                        throw new HttpError(401, "a valid token is required: send 'Authorization: Bearer <token>'");
                    }
                    route.handler().handle(call);
                    return;
                }
                if (allowed.isEmpty()) {
                    throw new HttpError(404, "no such endpoint: " + path);
                }
                exchange.getResponseHeaders().set("Allow", String.join(", ", allowed));
                throw new HttpError(
                        405, method + " is not allowed on " + path + "; use " + String.join(" or ", allowed));
            } catch (HttpError e) {
                answer(call, e.status(), e.getMessage());
            } catch (IOException e) {
                // the client went away mid-answer; nothing to tell it
                log.debug("{} {} ended early: {}", method, path, e.toString());
            } catch (RuntimeException e) {
                log.error("{} {} failed", method, path, e);
                answer(call, 500, "internal error: " + e.getClass().getSimpleName());
            }
        }
    }

    private static void answer(Call call, int status, String error) {
        try {
            call.json(status, Map.of("error", error));
        } catch (IOException | IllegalStateException e) {
            // the answer had begun (an event stream) or the client left: the error cannot be told any more
            log.debug("could not send error {} ({}): {}", status, error, e.toString());
        }
    }

    private static Pattern compile(String path) {
        var regex = Pattern.quote(path).replaceAll("\\{([a-z]+)}", "\\\\E(?<$1>[^/]+)\\\\Q");
        return Pattern.compile(regex);
    }

    private static Map<String, String> groups(Pattern pattern, Matcher m) {
        var names = new HashMap<String, String>();
        var finder = Pattern.compile("\\(\\?<([a-z]+)>").matcher(pattern.pattern());
        while (finder.find()) {
            var raw = m.group(finder.group(1));
            try {
                names.put(finder.group(1), URLDecoder.decode(raw, StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                throw new HttpError(400, "the path is not valid URL encoding");
            }
        }
        return names;
    }
}
