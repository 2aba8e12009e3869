package dev.zupa.runtime.management.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** The live event stream ({@code /events}, Server-Sent Events) and the dashboard page that reads it. */
final class StreamRoutes {
    static final String DASHBOARD = "/dev/zupa/runtime/management/dashboard.html";
    private static final Duration POLL = Duration.ofSeconds(1);
    private static final long KEEPALIVE_NANOS = Duration.ofSeconds(15).toNanos();

    private final Managed managed;
    private final byte[] dashboard;

    StreamRoutes(Managed managed) {
        this.managed = managed;
        this.dashboard = resource(DASHBOARD);
    }

    void register(Router router) {
        router.route("GET", "/", this::dashboard).route("GET", "/events", this::events);
    }

    private void dashboard(Call call) throws IOException {
        call.exchange()
                .getResponseHeaders()
                .set(
                        "Content-Security-Policy",
                        "default-src 'self'; script-src 'unsafe-inline'; worker-src blob:; style-src 'unsafe-inline';"
                                + " img-src 'self' data:");
        call.send(200, "text/html; charset=utf-8", dashboard);
    }

    /**
     * Streams every event as {@code data: <json>}. A comment line opens the stream at once (so a client knows it is
     * subscribed) and another is sent every 15 seconds of silence (so proxies keep it open and a gone client is
     * noticed). Ends when the client leaves, falls behind, or the server closes.
     */
    private void events(Call call) throws IOException {
        var exchange = call.exchange();
        var headers = exchange.getResponseHeaders();
        headers.set("Content-Type", "text/event-stream; charset=utf-8");
        headers.set("Cache-Control", "no-store");
        headers.set("X-Accel-Buffering", "no");
        var subscription = managed.feed().subscribe();
        try {
            exchange.sendResponseHeaders(200, 0);
            OutputStream out = exchange.getResponseBody();
            write(out, ": subscribed\n\n");
            long quietSince = System.nanoTime();
            while (!subscription.dropped()) {
                var next = subscription.next(POLL);
                if (next.isPresent()) {
                    write(out, "data: " + next.get() + "\n\n");
                    quietSince = System.nanoTime();
                } else if (System.nanoTime() - quietSince > KEEPALIVE_NANOS) {
                    write(out, ": keep-alive\n\n");
                    quietSince = System.nanoTime();
                }
            }
        } catch (InterruptedException e) {
            // the server is stopping
            Thread.currentThread().interrupt();
        } finally {
            managed.feed().unsubscribe(subscription);
        }
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static byte[] resource(String name) {
        try (InputStream in = StreamRoutes.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("the dashboard " + name + " is missing from the jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
