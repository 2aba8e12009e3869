package dev.zupa.adapters.whatsappweb;

import dev.zupa.adapters.whatsappweb.internal.Backoff;
import dev.zupa.adapters.whatsappweb.internal.ContextBridge;
import dev.zupa.adapters.whatsappweb.internal.Failures;
import dev.zupa.adapters.whatsappweb.internal.InboundMapper;
import dev.zupa.adapters.whatsappweb.internal.MediaCache;
import dev.zupa.adapters.whatsappweb.internal.Outbound;
import dev.zupa.adapters.whatsappweb.internal.SidecarCodec;
import dev.zupa.adapters.whatsappweb.internal.SidecarCommand;
import dev.zupa.adapters.whatsappweb.internal.SidecarFiles;
import dev.zupa.adapters.whatsappweb.internal.SidecarSettings;
import dev.zupa.adapters.whatsappweb.internal.SidecarSupervisor;
import dev.zupa.adapters.whatsappweb.internal.StatusMapper;
import dev.zupa.core.provider.ProviderErrorKind;
import dev.zupa.core.provider.ProviderException;
import dev.zupa.core.speech.AudioClip;
import dev.zupa.core.transport.Delivery;
import dev.zupa.core.transport.MediaRef;
import dev.zupa.core.transport.OutboundMessage;
import dev.zupa.core.transport.Transport;
import dev.zupa.core.transport.TransportContext;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * WhatsApp through <a href="https://wwebjs.dev">whatsapp-web.js</a>: a Node.js sidecar that drives WhatsApp Web in
 * a headless Chromium, logged in by scanning a QR code with the phone. Unofficial: WhatsApp does not allow
 * unofficial clients, and an account that uses one may be banned; the WhatsApp Cloud API is the supported road.
 *
 * <pre>{@code
 * try (var whatsapp = WhatsAppWebTransport.builder()
 *         .sidecarDirectory(Path.of("/opt/zupa/sidecar"))   // holds node_modules after `npm ci`
 *         .authDirectory(Path.of("/var/lib/zupa/wwebjs"))   // the login survives restarts here
 *         .build()) {
 *     runtime.start(whatsapp);                            // or whatsapp.start(context)
 * }
 * }</pre>
 *
 * <ul>
 *   <li>{@link #start} writes the sidecar's files into the sidecar directory and starts {@code node sidecar.js}.
 *       Its events become {@link dev.zupa.core.transport.TransportEvent}s: {@code QrRequested} (render it with
 *       {@link QrCodes}), {@code Authenticated}, {@code Ready}, {@code AuthFailed} and {@code Disconnected}.
 *   <li>WhatsApp's acks of sent replies become {@code DeliveryStatus} events ({@code SENT}, {@code DELIVERED},
 *       {@code READ}, {@code PLAYED}, {@code FAILED}), keyed by the message id {@link #send} returned and dated by
 *       the clock when they arrive.
 *   <li>Messages in one-to-one chats go to {@link TransportContext#deliver} in order: {@code chat} as
 *       {@code TEXT}, voice notes ({@code ptt}) as {@code VOICE}, audio files as {@code AUDIO}, anything else as
 *       {@code UNSUPPORTED} with its caption. Groups, status broadcasts, own messages and WhatsApp's notices are
 *       skipped. The sender is the phone number ({@code 5215512345678}); a {@code @lid} privacy id stays whole
 *       ({@code 123456789@lid}) unless WhatsApp Web knows the number behind it.
 *   <li>When the sidecar dies it is restarted with exponential backoff after a {@code Disconnected} event, and
 *       calls in flight fail with a transient {@link ProviderException} ({@code CONNECTION}). When WhatsApp Web
 *       authenticates but does not become ready within {@link Builder#readyTimeout}, the sidecar is restarted too.
 * </ul>
 *
 * <p>Thread-safe. Only one process may use an auth directory and client id at a time.
 *
 * @since 0.1
 */
public final class WhatsAppWebTransport implements Transport {
    /** The transport name, {@code whatsapp-web}. */
    public static final String NAME = "whatsapp-web";

    private final SidecarSettings settings;
    private final Duration commandTimeout;
    private final Clock clock;
    private final MediaCache media = new MediaCache(64);

    /** Guards {@link #supervisor}, {@link #bridge} and {@link #closed}. */
    private final ReentrantLock lock = new ReentrantLock();

    private @Nullable SidecarSupervisor supervisor;
    private @Nullable ContextBridge bridge;
    private boolean closed;

    private WhatsAppWebTransport(Builder builder) {
        this.settings = new SidecarSettings(
                builder.node,
                builder.sidecarDirectory,
                Optional.ofNullable(builder.nodeModules),
                builder.authDirectory,
                builder.clientId,
                builder.chromium,
                new Backoff(builder.initialBackoff, builder.maxBackoff),
                builder.readyTimeout,
                builder.shutdownTimeout,
                builder.environment);
        this.commandTimeout = builder.commandTimeout;
        this.clock = builder.clock;
    }

    /**
     * Starts a builder with the defaults described on each setter.
     *
     * @return a new builder; never null
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Writes the sidecar ({@code sidecar.js}, {@code package.json}, {@code package-lock.json} and
     * {@code .puppeteerrc.cjs}) into a directory, so that {@code npm ci} can install its dependencies there before
     * the first start. {@link #start} does the same; files that are already current are left alone.
     *
     * @param directory where to write; created when missing; never null
     * @return the directory; never null
     * @throws dev.zupa.core.ZupaConfigurationException when the directory cannot be written
     */
    public static Path extractSidecar(Path directory) {
        return SidecarFiles.extract(Objects.requireNonNull(directory, "directory"));
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
     * Where the sidecar runs.
     *
     * @return the directory; never null
     */
    public Path sidecarDirectory() {
        return settings.directory();
    }

    /**
     * Where the logged-in session is kept.
     *
     * @return the {@code LocalAuth} data path; never null
     */
    public Path authDirectory() {
        return settings.authDirectory();
    }

    /**
     * Starts the sidecar and returns; {@code QrRequested} or {@code Authenticated}, then {@code Ready}, follow.
     *
     * @param context where messages and events go; never null
     * @throws IllegalStateException when the transport was already started or is closed
     * @throws dev.zupa.core.ZupaConfigurationException when the sidecar cannot be written or Node cannot be started
     */
    @Override
    public void start(TransportContext context) {
        Objects.requireNonNull(context, "context");
        lock.lock();
        try {
            if (closed) {
                throw new IllegalStateException("the whatsapp-web transport is closed");
            }
            if (supervisor != null) {
                throw new IllegalStateException("the whatsapp-web transport was already started");
            }
            var newBridge = new ContextBridge(
                    context,
                    new InboundMapper(NAME, clock),
                    new StatusMapper(clock),
                    media,
                    settings.backoff().initial());
            var newSupervisor = new SidecarSupervisor(settings, newBridge);
            try {
                newSupervisor.start();
            } catch (RuntimeException e) {
                newSupervisor.close();
                newBridge.close();
                throw e;
            }
            bridge = newBridge;
            supervisor = newSupervisor;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Sends a text, or a voice note. Audio in Ogg/Opus is sent as {@code audio/ogg; codecs=opus} with
     * {@code sendAudioAsVoice}, so that WhatsApp shows a voice note; other audio is sent as an audio file.
     *
     * @param message the reply; its recipient is a phone number (digits, optionally with {@code +}) or a chat id
     *     such as {@code 123456789@lid}; never null
     * @return the receipt with WhatsApp's message id; never null
     * @throws ProviderException CONNECTION while the sidecar restarts or when it dies before replying (the message
     *     may or may not have been sent), UNAVAILABLE when WhatsApp Web is not ready or the transport is closed,
     *     TIMEOUT after the command timeout, BAD_REQUEST for a recipient that is not an address
     */
    @Override
    public Delivery send(OutboundMessage message) {
        Objects.requireNonNull(message, "message");
        var command = Outbound.command(message);
        return new Delivery(Outbound.messageId(running().call(command, commandTimeout)));
    }

    /**
     * Fetches a voice note's audio: from memory when it arrived with the message, from WhatsApp Web otherwise.
     *
     * @param media the handle of an inbound message; its id is the WhatsApp message id; never null
     * @return the audio; never null
     * @throws ProviderException BAD_REQUEST when WhatsApp no longer has the media (the sender must send it again),
     *     or as {@link #send}
     */
    @Override
    public AudioClip download(MediaRef media) {
        Objects.requireNonNull(media, "media");
        var cached = this.media.get(media.id());
        if (cached.isPresent()) {
            return cached.get();
        }
        var result = running().call(new SidecarCommand.DownloadMedia(media.id()), commandTimeout);
        try {
            return SidecarCodec.media(result);
        } catch (IllegalArgumentException e) {
            throw Failures.of(
                    ProviderErrorKind.INVALID_RESPONSE,
                    "the sidecar returned unusable media for " + media.id() + ": " + e.getMessage());
        }
    }

    /**
     * Shows "typing…" to the recipient. Does not wait, and failures are ignored: it is only a hint.
     *
     * @param to the recipient; never null
     */
    @Override
    public void typing(String to) {
        Objects.requireNonNull(to, "to");
        var current = current();
        if (current != null) {
            try {
                current.post(new SidecarCommand.Typing(Outbound.chatId(to)));
            } catch (ProviderException e) {
                // Not an address: there is nobody to show it to.
            }
        }
    }

    /**
     * Asks the sidecar to close WhatsApp Web and the browser, waits up to the shutdown timeout, then stops it by
     * force. Messages already received are still handed to the runtime within that time. Idempotent.
     */
    @Override
    public void close() {
        SidecarSupervisor stopping;
        ContextBridge draining;
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            stopping = supervisor;
            draining = bridge;
        } finally {
            lock.unlock();
        }
        if (stopping != null) {
            stopping.close();
        }
        if (draining != null) {
            draining.close(settings.shutdownTimeout());
        }
    }

    /** The sidecar's process, for tests: empty while it restarts, before start and after close. */
    Optional<ProcessHandle> sidecarProcess() {
        var current = current();
        return current == null ? Optional.empty() : current.process();
    }

    private @Nullable SidecarSupervisor current() {
        lock.lock();
        try {
            return closed ? null : supervisor;
        } finally {
            lock.unlock();
        }
    }

    private SidecarSupervisor running() {
        lock.lock();
        try {
            if (closed) {
                throw Failures.of(ProviderErrorKind.UNAVAILABLE, "the whatsapp-web transport is closed");
            }
            if (supervisor == null) {
                throw Failures.of(ProviderErrorKind.UNAVAILABLE, "the whatsapp-web transport was not started");
            }
            return supervisor;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Builds a {@link WhatsAppWebTransport}. Mutable and not thread-safe; each setter checks its argument at once.
     *
     * @since 0.1
     */
    public static final class Builder {
        private static final Pattern CLIENT_ID = Pattern.compile("[-_\\w]+");
        private static final Path HOME = Path.of(".zupa", "whatsapp-web");

        private String node = "node";
        private Path sidecarDirectory = HOME.resolve("sidecar");
        private @Nullable Path nodeModules;
        private Path authDirectory = HOME.resolve("auth");
        private String clientId = "zupa";
        private Path chromium = Path.of("/usr/bin/chromium");
        private Duration initialBackoff = Duration.ofSeconds(1);
        private Duration maxBackoff = Duration.ofMinutes(1);
        private Duration readyTimeout = Duration.ofMinutes(2);
        private Duration commandTimeout = Duration.ofSeconds(30);
        private Duration shutdownTimeout = Duration.ofSeconds(10);
        private final Map<String, String> environment = new LinkedHashMap<>();
        private Clock clock = Clock.systemUTC();

        private Builder() {}

        /**
         * The Node.js executable, version 18 or newer. Default {@code node}, found on the {@code PATH}.
         *
         * @param command a command name or a path; never blank
         * @return this builder
         */
        public Builder node(String command) {
            this.node = nonBlank("node", command);
            return this;
        }

        /**
         * Where the sidecar's files are written and Node runs them; {@code npm ci} there installs its
         * dependencies. Default {@code .zupa/whatsapp-web/sidecar} in the working directory.
         *
         * @param directory the directory; never null
         * @return this builder
         */
        public Builder sidecarDirectory(Path directory) {
            this.sidecarDirectory = Objects.requireNonNull(directory, "sidecarDirectory");
            return this;
        }

        /**
         * A {@code node_modules} directory installed elsewhere (from the same {@code package-lock.json}), handed
         * to Node as {@code NODE_PATH}. Default none: the sidecar directory's own {@code node_modules}.
         *
         * @param directory the {@code node_modules} directory; never null
         * @return this builder
         */
        public Builder nodeModules(Path directory) {
            this.nodeModules = Objects.requireNonNull(directory, "nodeModules");
            return this;
        }

        /**
         * Where {@code LocalAuth} keeps the logged-in session, so that a restart needs no new QR scan. Default
         * {@code .zupa/whatsapp-web/auth} in the working directory. Keep it private: it is the account's login.
         *
         * @param directory the directory; never null
         * @return this builder
         */
        public Builder authDirectory(Path directory) {
            this.authDirectory = Objects.requireNonNull(directory, "authDirectory");
            return this;
        }

        /**
         * The {@code LocalAuth} client id, which names the session's folder ({@code session-<id>}); one per
         * WhatsApp account. Default {@code zupa}.
         *
         * @param id letters, digits, {@code _} and {@code -}; never null
         * @return this builder
         */
        public Builder clientId(String id) {
            Objects.requireNonNull(id, "clientId");
            if (!CLIENT_ID.matcher(id).matches()) {
                throw new IllegalArgumentException(
                        "clientId may hold only letters, digits, '_' and '-', was '" + id + "'");
            }
            this.clientId = id;
            return this;
        }

        /**
         * The Chromium (or Chrome) executable puppeteer drives. Default {@code /usr/bin/chromium}.
         *
         * @param executable the browser; never null
         * @return this builder
         */
        public Builder chromium(Path executable) {
            this.chromium = Objects.requireNonNull(executable, "chromium");
            return this;
        }

        /**
         * The delays between restarts of a sidecar that died: {@code initial}, then doubled up to {@code max}, and
         * back to {@code initial} once WhatsApp Web was ready. Default one second up to one minute.
         *
         * @param initial the first delay; positive
         * @param max the longest delay; not shorter than {@code initial}
         * @return this builder
         */
        public Builder restartBackoff(Duration initial, Duration max) {
            positive("initial restart delay", initial);
            positive("longest restart delay", max);
            if (max.compareTo(initial) < 0) {
                throw new IllegalArgumentException(
                        "the longest restart delay (" + max + ") is shorter than the first (" + initial + ")");
            }
            this.initialBackoff = initial;
            this.maxBackoff = max;
            return this;
        }

        /**
         * How long after {@code Authenticated} WhatsApp Web may take to become ready before the sidecar is
         * restarted; after WhatsApp Web updates, {@code ready} sometimes never comes. Default two minutes.
         *
         * @param timeout the time; positive
         * @return this builder
         */
        public Builder readyTimeout(Duration timeout) {
            this.readyTimeout = positive("readyTimeout", timeout);
            return this;
        }

        /**
         * How long {@code send} and {@code download} wait for the sidecar. Default 30 seconds.
         *
         * @param timeout the time; positive
         * @return this builder
         */
        public Builder commandTimeout(Duration timeout) {
            this.commandTimeout = positive("commandTimeout", timeout);
            return this;
        }

        /**
         * How long {@code close()} waits for the sidecar to close the browser and exit before stopping it by force,
         * and for received messages to reach the runtime. Default ten seconds.
         *
         * @param timeout the time; positive
         * @return this builder
         */
        public Builder shutdownTimeout(Duration timeout) {
            this.shutdownTimeout = positive("shutdownTimeout", timeout);
            return this;
        }

        /**
         * One more environment variable for the sidecar, such as {@code HTTPS_PROXY}; it overrides the settings
         * above when it names the same variable.
         *
         * @param name the variable; never blank, without {@code =}
         * @param value the value; never null
         * @return this builder
         */
        public Builder environment(String name, String value) {
            nonBlank("environment variable name", name);
            Objects.requireNonNull(value, "value");
            if (name.indexOf('=') >= 0) {
                throw new IllegalArgumentException("an environment variable name must not contain '=', was " + name);
            }
            environment.put(name, value);
            return this;
        }

        /**
         * The clock that dates messages WhatsApp gives no timestamp, and delivery statuses (WhatsApp Web's acks carry
         * no time). Default the system UTC clock.
         *
         * @param value the clock; never null
         * @return this builder
         */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /**
         * Builds the transport; nothing runs until {@link WhatsAppWebTransport#start}.
         *
         * @return a new transport; never null
         */
        public WhatsAppWebTransport build() {
            return new WhatsAppWebTransport(this);
        }

        private static String nonBlank(String name, String value) {
            Objects.requireNonNull(value, name);
            if (value.isBlank()) {
                throw new IllegalArgumentException(name + " must not be blank");
            }
            return value;
        }

        private static Duration positive(String name, Duration value) {
            Objects.requireNonNull(value, name);
            if (value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException(name + " must be positive, was " + value);
            }
            return value;
        }
    }
}
