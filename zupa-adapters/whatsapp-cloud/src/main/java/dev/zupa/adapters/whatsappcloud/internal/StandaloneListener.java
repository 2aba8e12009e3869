package dev.zupa.adapters.whatsappcloud.internal;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The webhook endpoint on its own port: the JDK's {@link HttpServer}, one virtual thread per request, one path.
 * Everything else (handshake, size limit, signature, delivery) is the endpoint's business; this class only moves
 * bytes, and keeps answering whatever a single request does.
 */
public final class StandaloneListener implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StandaloneListener.class);

    /**
     * How much of a rejected body is read and thrown away so that the client sees the 413 instead of a reset
     * connection; beyond this the connection is closed.
     */
    static final long MAX_DRAIN = 16L * 1024 * 1024;

    private final HttpServer server;
    private final ExecutorService executor;
    private final String path;
    private final Endpoint endpoint;

    private StandaloneListener(HttpServer server, ExecutorService executor, String path, Endpoint endpoint) {
        this.server = server;
        this.executor = executor;
        this.path = path;
        this.endpoint = endpoint;
    }

    /**
     * Binds and starts a listener.
     *
     * @param host the address to bind, such as {@code 0.0.0.0}
     * @param port the port, 0 for any free one
     * @param path the webhook path, such as {@code /webhook}
     * @param endpoint what answers the requests
     * @return the running listener; never null
     * @throws IOException when the address cannot be bound
     */
    public static StandaloneListener start(String host, int port, String path, Endpoint endpoint) throws IOException {
        var server = HttpServer.create(new InetSocketAddress(host, port), 0);
        var executor = Executors.newVirtualThreadPerTaskExecutor();
        var listener = new StandaloneListener(server, executor, path, endpoint);
        server.setExecutor(executor);
        server.createContext(path, listener::exchange);
        server.start();
        return listener;
    }

    /**
     * The bound address, with the actual port when 0 was asked for.
     *
     * @return the address; never null
     */
    public InetSocketAddress address() {
        return server.getAddress();
    }

    /** Stops accepting, waits up to a second for requests in progress, and releases the port. */
    @Override
    public void close() {
        server.stop(1);
        executor.shutdown();
    }

    private void exchange(HttpExchange exchange) {
        try (exchange) {
            if (!path.equals(exchange.getRequestURI().getPath())) {
                respond(exchange, new Reply(404, "not found"));
                return;
            }
            InputStream body = exchange.getRequestBody();
            Reply reply;
            try {
                reply = endpoint.handle(
                        exchange.getRequestMethod(),
                        query(exchange.getRequestURI().getRawQuery()),
                        headers(exchange),
                        body);
            } catch (RuntimeException e) {
                LOG.error("the webhook endpoint failed; answering 500", e);
                reply = new Reply(500, "internal error");
            }
            if (reply.status() == 413 && !drain(body)) {
                exchange.getResponseHeaders().set("Connection", "close");
            }
            respond(exchange, reply);
        } catch (IOException e) {
            LOG.debug("could not answer a webhook request: {}", e.toString());
        }
    }

    private static void respond(HttpExchange exchange, Reply reply) throws IOException {
        byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        exchange.sendResponseHeaders(reply.status(), bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
    }

    /** Reads and discards what is left of a body, up to {@link #MAX_DRAIN}; true when it ended. */
    private static boolean drain(InputStream body) {
        byte[] buffer = new byte[16 * 1024];
        long total = 0;
        try {
            int read;
            while (total <= MAX_DRAIN && (read = body.read(buffer)) != -1) {
                total += read;
            }
            return total <= MAX_DRAIN;
        } catch (IOException e) {
            return false;
        }
    }

    /** The first value of each query parameter; a malformed pair is skipped. */
    static Map<String, String> query(@Nullable String raw) {
        var parameters = new LinkedHashMap<String, String>();
        if (raw == null || raw.isEmpty()) {
            return parameters;
        }
        for (String pair : raw.split("&")) {
            int equals = pair.indexOf('=');
            try {
                String name = decode(equals < 0 ? pair : pair.substring(0, equals));
                String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
                parameters.putIfAbsent(name, value);
            } catch (IllegalArgumentException malformed) {
                LOG.debug("skipping a malformed query parameter");
            }
        }
        return parameters;
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }

    private static Map<String, String> headers(HttpExchange exchange) {
        var headers = new TreeMap<String, String>(String.CASE_INSENSITIVE_ORDER);
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (!values.isEmpty()) {
                headers.put(name.toLowerCase(Locale.ROOT), values.get(0));
            }
        });
        return headers;
    }

    /** Answers one webhook request. */
    @FunctionalInterface
    public interface Endpoint {
        /**
         * Answers a request.
         *
         * @param method the HTTP method
         * @param query the query parameters, first value of each
         * @param headers the headers, first value of each, names case-insensitive
         * @param body the request body, read at most as far as the endpoint needs
         * @return the answer; never null
         */
        Reply handle(String method, Map<String, String> query, Map<String, String> headers, InputStream body);
    }

    /**
     * A plain-text answer.
     *
     * @param status the HTTP status
     * @param body the text
     */
    public record Reply(int status, String body) {}
}
