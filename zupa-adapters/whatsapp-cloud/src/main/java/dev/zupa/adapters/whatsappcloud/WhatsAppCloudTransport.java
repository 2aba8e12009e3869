package dev.zupa.adapters.whatsappcloud;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.zupa.adapters.whatsappcloud.internal.AudioUpload;
import dev.zupa.adapters.whatsappcloud.internal.GraphClient;
import dev.zupa.adapters.whatsappcloud.internal.GraphErrors;
import dev.zupa.adapters.whatsappcloud.internal.InboundMapper;
import dev.zupa.adapters.whatsappcloud.internal.Json;
import dev.zupa.adapters.whatsappcloud.internal.MediaDownloader;
import dev.zupa.adapters.whatsappcloud.internal.RejectionLog;
import dev.zupa.adapters.whatsappcloud.internal.Sender;
import dev.zupa.adapters.whatsappcloud.internal.StandaloneListener;
import dev.zupa.adapters.whatsappcloud.internal.StatusMapper;
import dev.zupa.adapters.whatsappcloud.internal.TransportState;
import dev.zupa.adapters.whatsappcloud.internal.WebhookParser;
import dev.zupa.core.ZupaConfigurationException;
import dev.zupa.core.provider.ProviderErrorKind;
import dev.zupa.core.provider.ProviderException;
import dev.zupa.core.speech.AudioClip;
import dev.zupa.core.transport.Delivery;
import dev.zupa.core.transport.MediaRef;
import dev.zupa.core.transport.OutboundMessage;
import dev.zupa.core.transport.Transport;
import dev.zupa.core.transport.TransportContext;
import dev.zupa.core.transport.TransportEvent;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link Transport} over Meta's WhatsApp Cloud API: signed webhooks in, Graph API calls out.
 *
 * <pre>{@code
 * var whatsapp = WhatsAppCloudTransport.builder()
 *         .accessToken(System.getenv("WHATSAPP_ACCESS_TOKEN"))
 *         .appSecret(System.getenv("WHATSAPP_APP_SECRET"))
 *         .verifyToken(System.getenv("WHATSAPP_VERIFY_TOKEN"))
 *         .phoneNumberId(System.getenv("WHATSAPP_PHONE_NUMBER_ID"))
 *         .listenPort(8080)                 // or mount whatsapp.webhookHandler() in your server
 *         .build();
 * }</pre>
 *
 * <h2>Receiving</h2>
 *
 * <p>Webhooks arrive through the {@link #webhookHandler()}, mounted in any HTTP server, or through the transport's
 * own listener ({@link Builder#listenPort}), which {@link #start} opens and {@link #close} closes. Each message is
 * stored through {@link TransportContext#deliver} before Meta gets its 200; redeliveries carry the same wamid as
 * {@link dev.zupa.core.transport.InboundMessage#messageId()}, so the runtime's deduplication drops them.
 *
 * <h2>Sending</h2>
 *
 * <p>{@link #send} posts a text message (split at 4,096 characters) or uploads a voice note and sends it as audio,
 * flagged as a voice note when it is Ogg/Opus. Each call is one HTTP attempt per Graph request; OkHttp's silent
 * retries are switched off, also on a client given to {@link Builder#httpClient}, because a repeated send is a
 * duplicate message. Failures are {@link ProviderException}s classified by the Graph error code (rate limits
 * transient, with a retry-after where known; 131047, outside the 24-hour window, terminal, after a
 * {@link TransportEvent.ReplyWindowClosed} event). Outside the window only {@link #sendTemplate approved templates}
 * may be sent.
 *
 * <p>The access token, app secret and verify token are never logged and never appear in an exception message or
 * in {@link #toString()}. Instances are thread-safe.
 *
 * @since 0.1
 */
public final class WhatsAppCloudTransport implements Transport {
    /** The transport name, {@code whatsapp-cloud}. */
    public static final String NAME = GraphErrors.VENDOR;

    /** The Graph API host used when none is set. */
    public static final String DEFAULT_GRAPH_URL = "https://graph.facebook.com";

    /** The Graph API version used when none is set. */
    public static final String DEFAULT_API_VERSION = "v25.0";

    /** The largest webhook body accepted when no limit is set: 1 MiB (Meta's payloads stay under about 3 MB). */
    public static final int DEFAULT_MAX_WEBHOOK_BYTES = 1024 * 1024;

    /** The path the standalone listener answers on when none is set. */
    public static final String DEFAULT_LISTEN_PATH = "/webhook";

    /** The largest media {@link #download} accepts: 16 MiB, WhatsApp's limit for audio. */
    public static final int MAX_MEDIA_BYTES = AudioUpload.MAX_BYTES;

    private static final Logger LOG = LoggerFactory.getLogger(WhatsAppCloudTransport.class);

    private final String phoneNumberId;
    private final @Nullable Integer listenPort;
    private final String listenHost;
    private final String listenPath;
    private final GraphErrors errors;
    private final GraphClient graph;
    private final MediaDownloader media;
    private final Sender sender;
    private final TransportState state = new TransportState();
    private final WebhookHandler webhookHandler;

    private final ReentrantLock lifecycle = new ReentrantLock();
    private volatile @Nullable TransportContext context;
    private volatile boolean closed;
    private @Nullable StandaloneListener listener;

    private WhatsAppCloudTransport(
            Builder builder, String accessToken, String appSecret, String verifyToken, String phoneNumberId) {
        this.phoneNumberId = phoneNumberId;
        this.listenPort = builder.listenPort;
        this.listenHost = builder.listenHost;
        this.listenPath = builder.listenPath;
        this.errors = new GraphErrors(accessToken, builder.clock);
        var root = builder.graphBaseUrl
                .newBuilder()
                .addPathSegment(builder.apiVersion)
                .build();
        var base = builder.httpClient != null ? builder.httpClient : GraphClient.defaultClient();
        // a silently repeated POST /messages is a duplicate message: one call, one attempt
        var client = base.newBuilder().retryOnConnectionFailure(false).build();
        this.graph = new GraphClient(client, root, phoneNumberId, accessToken, errors);
        this.media = new MediaDownloader(graph, errors, MAX_MEDIA_BYTES);
        this.sender = new Sender(graph, errors, state, this::context);
        var parser = new WebhookParser(new InboundMapper(NAME, builder.clock), new StatusMapper(builder.clock));
        this.webhookHandler = new WebhookHandler(
                this,
                appSecret,
                verifyToken,
                builder.maxWebhookBodyBytes,
                parser,
                state,
                new RejectionLog(builder.clock));
    }

    /**
     * Starts a builder with the defaults: Graph API at {@value #DEFAULT_GRAPH_URL}, version
     * {@value #DEFAULT_API_VERSION}, webhook bodies up to 1 MiB, no standalone listener, the UTC system clock.
     *
     * @return a new builder; never null
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The transport name.
     *
     * @return {@value #NAME}
     */
    @Override
    public String name() {
        return NAME;
    }

    /**
     * The webhook endpoint to mount in an HTTP server at the Meta app's callback URL. The standalone listener uses the
     * same handler.
     *
     * @return the handler; never null
     */
    public WebhookHandler webhookHandler() {
        return webhookHandler;
    }

    /**
     * Where the standalone listener listens, with the actual port when port 0 was configured.
     *
     * @return the address while the listener runs, otherwise empty; never null
     */
    public Optional<InetSocketAddress> listenerAddress() {
        lifecycle.lock();
        try {
            return listener == null ? Optional.empty() : Optional.of(listener.address());
        } finally {
            lifecycle.unlock();
        }
    }

    /**
     * Starts accepting webhooks: from now on POSTs are delivered to the context. Opens the standalone listener when a
     * port is configured, then reports {@link TransportEvent.Ready}.
     *
     * @param context where messages and events go; never null
     * @throws IllegalStateException when the transport was already started or is closed
     * @throws ZupaConfigurationException when the listener cannot bind its port
     */
    @Override
    public void start(TransportContext context) {
        Objects.requireNonNull(context, "context");
        lifecycle.lock();
        try {
            if (closed) {
                throw new IllegalStateException("the WhatsApp Cloud transport is closed");
            }
            if (this.context != null) {
                throw new IllegalStateException("the WhatsApp Cloud transport was already started");
            }
            if (listenPort != null) {
                listener = listen(listenPort);
                LOG.info("listening for WhatsApp webhooks on {}{}", listener.address(), listenPath);
            }
            this.context = context;
        } finally {
            lifecycle.unlock();
        }
        try {
            context.event(new TransportEvent.Ready());
        } catch (RuntimeException e) {
            LOG.warn("the ready event failed; going on", e);
        }
    }

    /**
     * Sends a reply: text as one or more text messages, a voice note as uploaded audio. A voice note in a type
     * WhatsApp does not take, or larger than 16 MB, is sent as its text instead when it has one.
     *
     * @param message the reply; never null
     * @return the receipt with the wamid of the (last) message sent; never null
     * @throws ProviderException as the Graph error code maps; {@code UNAVAILABLE} when closed; {@code BAD_REQUEST}
     *     for audio WhatsApp cannot take and no text to fall back on. On 131047 a
     *     {@link TransportEvent.ReplyWindowClosed} event is reported first.
     */
    @Override
    public Delivery send(OutboundMessage message) {
        Objects.requireNonNull(message, "message");
        ensureOpen();
        return sender.send(message);
    }

    /**
     * Sends an approved template, the only kind of message allowed outside the 24-hour customer service window.
     *
     * @param to the recipient's phone number or business-scoped user id; never blank
     * @param templateName the template's name; never blank
     * @param languageCode the template's language, such as {@code en_US}; never blank
     * @param components the header and body parameters; never null, may be empty
     * @return the receipt with the wamid; never null
     * @throws ProviderException as the Graph error code maps
     */
    public Delivery sendTemplate(
            String to, String templateName, String languageCode, List<TemplateComponent> components) {
        Objects.requireNonNull(components, "components");
        var array = Json.MAPPER.createArrayNode();
        for (var component : components) {
            var parameters = array.addObject().put("type", component.type()).putArray("parameters");
            component
                    .textParameters()
                    .forEach(p -> parameters.addObject().put("type", "text").put("text", p));
        }
        return template(to, templateName, languageCode, array);
    }

    /**
     * Sends an approved template with components written as the Graph API's JSON, for parameters beyond text (media
     * headers, currencies, buttons), such as
     * {@code [{"type":"button","sub_type":"quick_reply","index":"0","parameters":[{"type":"payload","payload":"yes"}]}]}.
     *
     * @param to the recipient's phone number or business-scoped user id; never blank
     * @param templateName the template's name; never blank
     * @param languageCode the template's language, such as {@code en_US}; never blank
     * @param componentsJson a JSON array of component objects; never null
     * @return the receipt with the wamid; never null
     * @throws IllegalArgumentException when {@code componentsJson} is not a JSON array
     * @throws ProviderException as the Graph error code maps
     */
    public Delivery sendTemplate(String to, String templateName, String languageCode, String componentsJson) {
        Objects.requireNonNull(componentsJson, "componentsJson");
        try {
            if (Json.MAPPER.readTree(componentsJson) instanceof ArrayNode array) {
                return template(to, templateName, languageCode, array);
            }
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("componentsJson is not valid JSON: " + e.getOriginalMessage(), e);
        }
        throw new IllegalArgumentException("componentsJson must be a JSON array of components");
    }

    /**
     * Downloads an inbound voice note, audio or image: asks the Graph API for the media's URL, downloads it with the
     * access token, fetches a fresh URL once when the first has expired, and checks its size and SHA-256.
     *
     * @param media the handle from the inbound message; never null
     * @return the bytes with the media type of the handle; never null
     * @throws ProviderException {@code BAD_REQUEST} over {@value #MAX_MEDIA_BYTES} bytes, {@code INVALID_RESPONSE}
     *     when the SHA-256 does not match, otherwise as the Graph error code maps
     */
    @Override
    public AudioClip download(MediaRef media) {
        Objects.requireNonNull(media, "media");
        ensureOpen();
        return this.media.download(media);
    }

    /**
     * Marks the sender's latest inbound message read and shows the typing indicator, which disappears when the reply
     * arrives or after 25 seconds. Needs that message's id: the transport remembers the latest one of the 10,000 most
     * recent senders; for others, and when the call fails, it does nothing (logged at DEBUG). Never throws.
     *
     * @param to the user's address, as in the inbound message's {@code from}; never null
     */
    @Override
    public void typing(String to) {
        Objects.requireNonNull(to, "to");
        if (closed) {
            return;
        }
        sender.typing(to);
    }

    /** Stops the standalone listener, if any, and refuses further webhooks (503) and sends. Idempotent. */
    @Override
    public void close() {
        lifecycle.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            context = null;
            if (listener != null) {
                listener.close();
                listener = null;
            }
        } finally {
            lifecycle.unlock();
        }
    }

    /**
     * Describes the transport without its secrets.
     *
     * @return the Graph root, phone number id and listener; never null
     */
    @Override
    public String toString() {
        return "WhatsAppCloudTransport[graph=" + graph.root() + ", phoneNumberId=" + phoneNumberId
                + (listenPort == null ? "" : ", listen=" + listenHost + ":" + listenPort + listenPath)
                + ", accessToken=[redacted], appSecret=[redacted], verifyToken=[redacted]]";
    }

    /** The context while started and open, for the webhook handler. */
    @Nullable
    TransportContext context() {
        return context;
    }

    private StandaloneListener listen(int port) {
        try {
            return StandaloneListener.start(listenHost, port, listenPath, (method, query, headers, body) -> {
                var answer = webhookHandler.handle(method, query, headers, body);
                return new StandaloneListener.Reply(answer.status(), answer.body());
            });
        } catch (IOException e) {
            throw new ZupaConfigurationException(
                    "cannot listen for WhatsApp webhooks on " + listenHost + ":" + port + " (" + e.getMessage()
                            + "); configure another port",
                    e);
        }
    }

    private Delivery template(String to, String templateName, String languageCode, ArrayNode components) {
        ensureOpen();
        return sender.template(
                nonBlank(to, "to"),
                nonBlank(templateName, "templateName"),
                nonBlank(languageCode, "languageCode"),
                components);
    }

    private void ensureOpen() {
        if (closed) {
            throw errors.failure(ProviderErrorKind.UNAVAILABLE, "the WhatsApp Cloud transport is closed", null);
        }
    }

    private static String nonBlank(String value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
        return value;
    }

    /**
     * Configures a {@link WhatsAppCloudTransport}; mutable and not thread-safe. The access token, app secret, verify
     * token and phone number id are required.
     *
     * @since 0.1
     */
    public static final class Builder {
        private @Nullable String accessToken;
        private @Nullable String appSecret;
        private @Nullable String verifyToken;
        private @Nullable String phoneNumberId;
        private HttpUrl graphBaseUrl = HttpUrl.get(DEFAULT_GRAPH_URL);
        private String apiVersion = DEFAULT_API_VERSION;
        private @Nullable OkHttpClient httpClient;
        private Clock clock = Clock.systemUTC();
        private int maxWebhookBodyBytes = DEFAULT_MAX_WEBHOOK_BYTES;
        private @Nullable Integer listenPort;
        private String listenHost = "0.0.0.0";
        private String listenPath = DEFAULT_LISTEN_PATH;

        private Builder() {}

        /**
         * The access token (a system user token in production), sent as {@code Authorization: Bearer}. Required.
         *
         * @param value the token; never blank
         * @return this builder
         */
        public Builder accessToken(String value) {
            this.accessToken = nonBlank(value, "accessToken");
            return this;
        }

        /**
         * The Meta app secret, which signs every webhook ({@code X-Hub-Signature-256}). Required.
         *
         * @param value the secret; never blank
         * @return this builder
         */
        public Builder appSecret(String value) {
            this.appSecret = nonBlank(value, "appSecret");
            return this;
        }

        /**
         * The verify token typed into the Meta app's webhook settings, checked in the verification handshake.
         * Required.
         *
         * @param value the token; never blank
         * @return this builder
         */
        public Builder verifyToken(String value) {
            this.verifyToken = nonBlank(value, "verifyToken");
            return this;
        }

        /**
         * The id of the business phone number that sends (not the phone number itself). Required.
         *
         * @param value the numeric id; never blank
         * @return this builder
         * @throws IllegalArgumentException when it is not all digits
         */
        public Builder phoneNumberId(String value) {
            nonBlank(value, "phoneNumberId");
            if (!value.chars().allMatch(c -> c >= '0' && c <= '9')) {
                throw new IllegalArgumentException("phoneNumberId must be the numeric id, was '" + value + "'");
            }
            this.phoneNumberId = value;
            return this;
        }

        /**
         * The Graph API host; {@value WhatsAppCloudTransport#DEFAULT_GRAPH_URL} by default. Tests point it at a fake.
         *
         * @param value an {@code http} or {@code https} URL without query or fragment; never null
         * @return this builder
         */
        public Builder graphBaseUrl(String value) {
            Objects.requireNonNull(value, "graphBaseUrl");
            var parsed = HttpUrl.parse(value);
            if (parsed == null || parsed.query() != null || parsed.fragment() != null) {
                throw new IllegalArgumentException(
                        "graphBaseUrl must be an http or https URL without query or fragment, was '" + value + "'");
            }
            this.graphBaseUrl = parsed;
            return this;
        }

        /**
         * The Graph API version; {@value WhatsAppCloudTransport#DEFAULT_API_VERSION} by default.
         *
         * @param value such as {@code v23.0}; never null
         * @return this builder
         */
        public Builder apiVersion(String value) {
            Objects.requireNonNull(value, "apiVersion");
            if (!value.matches("v\\d{1,3}\\.\\d{1,3}")) {
                throw new IllegalArgumentException("apiVersion must look like v25.0, was '" + value + "'");
            }
            this.apiVersion = value;
            return this;
        }

        /**
         * The OkHttp client, with its own timeouts, proxy and pool; its silent retries are switched off. By default a
         * shared client with a 10 second connect, 30 second read and write and 2 minute call timeout.
         *
         * @param value the client; never null
         * @return this builder
         */
        public Builder httpClient(OkHttpClient value) {
            this.httpClient = Objects.requireNonNull(value, "httpClient");
            return this;
        }

        /**
         * The clock used when a payload has no timestamp, for {@code Retry-After} dates and to space log warnings;
         * the UTC system clock by default.
         *
         * @param value the clock; never null
         * @return this builder
         */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /**
         * The largest webhook body accepted, in bytes; larger ones are answered 413 after reading at most one byte
         * more. {@value WhatsAppCloudTransport#DEFAULT_MAX_WEBHOOK_BYTES} (1 MiB) by default.
         *
         * @param value the limit; positive
         * @return this builder
         */
        public Builder maxWebhookBodyBytes(int value) {
            if (value < 1 || value > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("maxWebhookBodyBytes must be positive, was " + value);
            }
            this.maxWebhookBodyBytes = value;
            return this;
        }

        /**
         * Opens the standalone webhook listener on a port when the transport starts; none by default, for servers
         * that mount {@link WhatsAppCloudTransport#webhookHandler()} themselves.
         *
         * @param value the port, or 0 for any free one ({@link WhatsAppCloudTransport#listenerAddress()} tells which)
         * @return this builder
         */
        public Builder listenPort(int value) {
            if (value < 0 || value > 65535) {
                throw new IllegalArgumentException("listenPort must be 0-65535, was " + value);
            }
            this.listenPort = value;
            return this;
        }

        /**
         * The address the standalone listener binds; {@code 0.0.0.0} (all interfaces) by default.
         *
         * @param value a host name or IP address; never blank
         * @return this builder
         */
        public Builder listenHost(String value) {
            this.listenHost = nonBlank(value, "listenHost");
            return this;
        }

        /**
         * The path the standalone listener answers on; {@value WhatsAppCloudTransport#DEFAULT_LISTEN_PATH} by
         * default. Other paths are 404.
         *
         * @param value an absolute path; never null
         * @return this builder
         */
        public Builder listenPath(String value) {
            Objects.requireNonNull(value, "listenPath");
            if (!value.startsWith("/") || value.contains("?") || value.contains("#")) {
                throw new IllegalArgumentException("listenPath must be an absolute path, was '" + value + "'");
            }
            this.listenPath = value;
            return this;
        }

        /**
         * Builds the transport; it neither calls the Graph API nor listens until used or started.
         *
         * @return the transport; never null
         * @throws IllegalStateException naming the required settings that are missing
         */
        public WhatsAppCloudTransport build() {
            var missing = new ArrayList<String>();
            if (accessToken == null) {
                missing.add("accessToken");
            }
            if (appSecret == null) {
                missing.add("appSecret");
            }
            if (verifyToken == null) {
                missing.add("verifyToken");
            }
            if (phoneNumberId == null) {
                missing.add("phoneNumberId");
            }
            if (accessToken == null || appSecret == null || verifyToken == null || phoneNumberId == null) {
                throw new IllegalStateException("a WhatsApp Cloud transport needs " + String.join(", ", missing));
            }
            return new WhatsAppCloudTransport(this, accessToken, appSecret, verifyToken, phoneNumberId);
        }

        private static String nonBlank(String value, String name) {
            Objects.requireNonNull(value, name);
            if (value.isBlank()) {
                throw new IllegalArgumentException(name + " must not be blank");
            }
            return value;
        }
    }
}
