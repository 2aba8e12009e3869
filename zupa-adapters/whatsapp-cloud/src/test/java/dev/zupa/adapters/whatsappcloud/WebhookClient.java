package dev.zupa.adapters.whatsappcloud;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/** A real HTTP client (the JDK's) talking to a transport's standalone listener. */
final class WebhookClient {
    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final URI endpoint;

    WebhookClient(WhatsAppCloudTransport transport) {
        var address = transport.listenerAddress().orElseThrow();
        this.endpoint =
                URI.create("http://127.0.0.1:" + address.getPort() + WhatsAppCloudTransport.DEFAULT_LISTEN_PATH);
    }

    HttpResponse<String> post(byte[] body, @Nullable String signature) {
        var request = HttpRequest.newBuilder(endpoint).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        return send(request, signature);
    }

    /** Posts without a Content-Length (chunked), so the server cannot refuse a large body before reading it. */
    HttpResponse<String> postChunked(byte[] body, @Nullable String signature) {
        var request = HttpRequest.newBuilder(endpoint)
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)));
        return send(request, signature);
    }

    HttpResponse<String> signedPost(byte[] body) {
        return post(body, Fixtures.sign(body));
    }

    HttpResponse<String> get(String pathAndQuery) {
        // URI.resolve drops the last path segment for a query-only reference (RFC 2396), so concatenate those
        var uri = pathAndQuery.startsWith("/") ? endpoint.resolve(pathAndQuery) : URI.create(endpoint + pathAndQuery);
        return send(HttpRequest.newBuilder(uri).GET(), null);
    }

    HttpResponse<String> send(HttpRequest.Builder request, @Nullable String signature) {
        if (signature != null) {
            request.header("X-Hub-Signature-256", signature);
        }
        try {
            return client.send(request.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
