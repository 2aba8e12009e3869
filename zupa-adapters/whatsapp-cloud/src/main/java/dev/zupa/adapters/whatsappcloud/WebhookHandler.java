package dev.zupa.adapters.whatsappcloud;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.zupa.adapters.whatsappcloud.internal.GraphErrors;
import dev.zupa.adapters.whatsappcloud.internal.Json;
import dev.zupa.adapters.whatsappcloud.internal.RejectionLog;
import dev.zupa.adapters.whatsappcloud.internal.TransportState;
import dev.zupa.adapters.whatsappcloud.internal.WebhookItem;
import dev.zupa.adapters.whatsappcloud.internal.WebhookParser;
import dev.zupa.adapters.whatsappcloud.internal.WebhookSignature;
import dev.zupa.core.transport.ContentType;
import dev.zupa.core.transport.TransportContext;
import dev.zupa.core.transport.TransportEvent;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The webhook endpoint of a {@link WhatsAppCloudTransport}, free of any server API: give it the method, query
 * parameters, headers and raw body of a request, and write back the {@link WebhookResponse} it returns. Mount it in a
 * servlet, a Spring controller or any HTTP server, at the callback URL configured in the Meta app; the transport's
 * own listener uses it too.
 *
 * <ul>
 *   <li>{@code GET} is Meta's verification handshake: with {@code hub.mode=subscribe}, {@code hub.verify_token}
 *       equal to the configured token and a {@code hub.challenge}, the answer is 200 with the challenge as the body;
 *       otherwise 403. It works before the transport is started.
 *   <li>{@code POST} is a notification. A body longer than the size limit is 413 (at most limit + 1 bytes are
 *       read; a larger {@code Content-Length} is refused without reading). A missing or wrong
 *       {@code X-Hub-Signature-256} (HMAC-SHA256 of the raw bytes with the app secret) is 401, and nothing is
 *       processed. A body that is not a JSON object is 400. Otherwise every message is handed to
 *       {@link TransportContext#deliver} in payload order, and statuses become
 *       {@link TransportEvent.DeliveryStatus} events; the answer is 200 only once every message is stored. When a
 *       delivery throws, the answer is 500 so that Meta sends the webhook again (the runtime deduplicates on the
 *       wamid). Before {@link WhatsAppCloudTransport#start} and after {@link WhatsAppCloudTransport#close} it is 503.
 *   <li>Other methods are 405.
 * </ul>
 *
 * <p>Only the headers {@code X-Hub-Signature-256} and {@code Content-Length} are read (names in any case), and only
 * the {@code hub.*} query parameters. Thread-safe: requests may be handled concurrently.
 *
 * @since 0.1
 */
public final class WebhookHandler {
    private static final Logger LOG = LoggerFactory.getLogger(WebhookHandler.class);

    private final WhatsAppCloudTransport transport;
    private final WebhookSignature signature;
    private final byte[] verifyToken;
    private final int maxBodyBytes;
    private final WebhookParser parser;
    private final TransportState state;
    private final RejectionLog rejections;

    WebhookHandler(
            WhatsAppCloudTransport transport,
            String appSecret,
            String verifyToken,
            int maxBodyBytes,
            WebhookParser parser,
            TransportState state,
            RejectionLog rejections) {
        this.transport = transport;
        this.signature = new WebhookSignature(appSecret);
        this.verifyToken = verifyToken.getBytes(StandardCharsets.UTF_8);
        this.maxBodyBytes = maxBodyBytes;
        this.parser = parser;
        this.state = state;
        this.rejections = rejections;
    }

    /**
     * Answers a request whose body is a stream; reads at most {@link #maxBodyBytes()} + 1 bytes of it and does not
     * close it.
     *
     * @param method the HTTP method, such as {@code GET}; never null
     * @param query the query parameters, decoded, first value of each; never null
     * @param headers the request headers, first value of each, names in any case; never null
     * @param body the request body; never null
     * @return the answer to write; never null
     */
    public WebhookResponse handle(
            String method, Map<String, String> query, Map<String, String> headers, InputStream body) {
        Objects.requireNonNull(body, "body");
        var early = route(method, query, headers);
        if (early != null) {
            return early;
        }
        byte[] bytes;
        try {
            bytes = body.readNBytes(maxBodyBytes + 1);
        } catch (IOException e) {
            LOG.debug("could not read a webhook body: {}", e.toString());
            return new WebhookResponse(400, "unreadable body");
        }
        return receive(headers, bytes);
    }

    /**
     * Answers a request whose body the server has already read, such as a Spring {@code @RequestBody byte[]}.
     *
     * @param method the HTTP method, such as {@code POST}; never null
     * @param query the query parameters, decoded, first value of each; never null
     * @param headers the request headers, first value of each, names in any case; never null
     * @param body the raw request body, exactly as received; never null
     * @return the answer to write; never null
     */
    public WebhookResponse handle(String method, Map<String, String> query, Map<String, String> headers, byte[] body) {
        Objects.requireNonNull(body, "body");
        var early = route(method, query, headers);
        return early != null ? early : receive(headers, body);
    }

    /**
     * The largest body accepted.
     *
     * @return the limit in bytes, 1 MiB unless configured
     */
    public int maxBodyBytes() {
        return maxBodyBytes;
    }

    /** The answer for anything but a POST within the size limit, or null to go on reading the body. */
    private @Nullable WebhookResponse route(String method, Map<String, String> query, Map<String, String> headers) {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(headers, "headers");
        return switch (method.toUpperCase(Locale.ROOT)) {
            case "GET" -> verify(query);
            case "POST" -> declaredTooLarge(headers) ? tooLarge() : null;
            default -> new WebhookResponse(405, "method not allowed");
        };
    }

    private WebhookResponse verify(Map<String, String> query) {
        String challenge = query.get("hub.challenge");
        String token = query.get("hub.verify_token");
        if ("subscribe".equals(query.get("hub.mode"))
                && challenge != null
                && token != null
                && MessageDigest.isEqual(verifyToken, token.getBytes(StandardCharsets.UTF_8))) {
            LOG.info("answered Meta's webhook verification handshake");
            return new WebhookResponse(200, challenge);
        }
        rejections.rejected(403, "verification handshake with a wrong verify token or missing parameters");
        return new WebhookResponse(403, "forbidden");
    }

    private WebhookResponse receive(Map<String, String> headers, byte[] body) {
        if (body.length > maxBodyBytes) {
            return tooLarge();
        }
        var context = transport.context();
        if (context == null) {
            return new WebhookResponse(503, "not started");
        }
        if (!signature.verify(header(headers, WebhookSignature.HEADER), body)) {
            rejections.rejected(401, "missing or invalid " + WebhookSignature.HEADER);
            return new WebhookResponse(401, "invalid signature");
        }
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            LOG.warn("a signed webhook is not valid JSON: {}", e.getOriginalMessage());
            return new WebhookResponse(400, "malformed JSON");
        } catch (IOException e) {
            return new WebhookResponse(400, "unreadable body");
        }
        if (root == null || !root.isObject()) {
            LOG.warn("a signed webhook is not a JSON object");
            return new WebhookResponse(400, "not a JSON object");
        }
        for (var item : parser.parse(root)) {
            switch (item) {
                case WebhookItem.Inbound inbound -> {
                    if (!deliver(context, inbound)) {
                        return new WebhookResponse(500, "not stored; send again");
                    }
                }
                case WebhookItem.Status status -> report(context, status);
            }
        }
        return new WebhookResponse(200, "ok");
    }

    private boolean deliver(TransportContext context, WebhookItem.Inbound inbound) {
        var message = inbound.message();
        try {
            context.deliver(message);
        } catch (RuntimeException e) {
            LOG.warn(
                    "could not store message {}; answering 500 so that Meta delivers the webhook again",
                    message.messageId(),
                    e);
            return false;
        }
        state.inbound(message.from(), message.messageId());
        if (message.type() == ContentType.UNSUPPORTED) {
            LOG.info(
                    "received a '{}' message {}; delivered as UNSUPPORTED",
                    inbound.whatsappType(),
                    message.messageId());
        } else {
            LOG.debug("delivered {} message {}", message.type(), message.messageId());
        }
        return true;
    }

    private void report(TransportContext context, WebhookItem.Status item) {
        var status = item.status();
        String key = status.transportMessageId() + "/" + status.status();
        if (state.reported(key)) {
            LOG.debug("status {} reported already; skipping the repeat", key);
            return;
        }
        if (!emit(context, status)) {
            return;
        }
        state.markReported(key);
        if (status.status() == TransportEvent.DeliveryStatus.Status.FAILED
                && item.errorCode() != null
                && item.errorCode() == GraphErrors.REPLY_WINDOW_CLOSED) {
            // out-of-window sends are accepted with 200 and fail later, so the closed window shows up here
            var outboxId = state.outboxOf(status.transportMessageId()).or(() -> Optional.ofNullable(item.tracking()));
            if (outboxId.isPresent() && status.recipient().isPresent()) {
                emit(
                        context,
                        new TransportEvent.ReplyWindowClosed(status.recipient().get(), outboxId.get()));
            } else {
                LOG.info("message {} failed with 131047 but its outbox id is unknown", status.transportMessageId());
            }
        }
    }

    private static boolean emit(TransportContext context, TransportEvent event) {
        try {
            context.event(event);
            return true;
        } catch (RuntimeException e) {
            // events are reports, not stored messages: a failing listener must not make Meta resend the webhook
            LOG.warn("the {} event failed; going on", event.getClass().getSimpleName(), e);
            return false;
        }
    }

    private boolean declaredTooLarge(Map<String, String> headers) {
        String length = header(headers, "Content-Length");
        if (length == null) {
            return false;
        }
        try {
            return Long.parseLong(length.trim()) > maxBodyBytes;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private WebhookResponse tooLarge() {
        rejections.rejected(413, "body larger than " + maxBodyBytes + " bytes");
        return new WebhookResponse(413, "body larger than " + maxBodyBytes + " bytes");
    }

    private static @Nullable String header(Map<String, String> headers, String name) {
        String value = headers.get(name);
        if (value != null) {
            return value;
        }
        for (var entry : headers.entrySet()) {
            if (entry.getKey() != null && entry.getKey().equalsIgnoreCase(name)) {
                return entry.getValue();
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return "WebhookHandler[maxBodyBytes=" + maxBodyBytes + ", appSecret=[redacted], verifyToken=[redacted]]";
    }
}
