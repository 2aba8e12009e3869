package dev.zupa.testkit;

import dev.zupa.core.provider.ProviderErrorKind;
import dev.zupa.core.provider.ProviderException;
import dev.zupa.core.speech.AudioClip;
import dev.zupa.core.transport.Delivery;
import dev.zupa.core.transport.InboundMessage;
import dev.zupa.core.transport.MediaRef;
import dev.zupa.core.transport.OutboundContent;
import dev.zupa.core.transport.OutboundMessage;
import dev.zupa.core.transport.Transport;
import dev.zupa.core.transport.TransportContext;
import dev.zupa.core.transport.TransportEvent;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * A {@link Transport} for tests: the test plays the user with {@link #receiveText receiveText} and
 * {@link #receiveVoice receiveVoice}, and asserts on the replies with {@link #sent()} and
 * {@link #awaitSent(int, Duration)}. Sends and downloads can be made to fail.
 *
 * <pre>{@code
 * var transport = RecordingTransport.create();
 * runtime.start(transport);
 * transport.receiveText("+15550001", "m-1", "hello");
 * assertThat(transport.awaitSent(1, Duration.ofSeconds(5)))
 *         .extracting(m -> m.content().text())
 *         .containsExactly("Hello! What can I get you?");
 * }</pre>
 *
 * <p>{@code receive…} calls hand the message to the started context on the calling thread and return when
 * {@link TransportContext#deliver} returns; what {@code deliver} throws reaches the caller. Every send is recorded,
 * including a repeat of the same outbox id, so tests can see duplicates; a send made to fail is counted in
 * {@link #sendAttempts()} but not recorded in {@link #sent()}. Sends are accepted whether or not the transport is
 * started.
 *
 * <p>Thread-safe. The transport may be started again after {@link #close()}, as a restarted runtime would.
 *
 * @since 0.1
 */
public final class RecordingTransport implements Transport {
    /** The name when none is given, {@code test}. */
    public static final String DEFAULT_NAME = "test";

    private final String name;
    private final Clock clock;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition sentChanged = lock.newCondition();
    private final List<OutboundMessage> sent = new ArrayList<>();
    private final List<String> typingCalls = new ArrayList<>();
    private final List<MediaRef> downloads = new ArrayList<>();
    private final Map<String, AudioClip> media = new HashMap<>();
    private @Nullable TransportContext context;
    private boolean closed;
    private int sendAttempts;
    private int sendsToFail;
    private @Nullable ProviderException sendFailure;
    private @Nullable Predicate<OutboundMessage> failSendsWhen;
    private @Nullable ProviderException conditionalSendFailure;
    private int downloadsToFail;
    private @Nullable ProviderException downloadFailure;

    private RecordingTransport(Builder builder) {
        this.name = builder.name;
        this.clock = builder.clock;
    }

    /**
     * A transport named {@value #DEFAULT_NAME} that stamps messages with the system UTC clock.
     *
     * @return a new, unstarted transport; never null
     */
    public static RecordingTransport create() {
        return builder().build();
    }

    /**
     * Starts a builder, to choose the name or the clock.
     *
     * @return a new builder; never null
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The transport's name, the {@code transport} of every message it receives.
     *
     * @return the name; never blank
     */
    @Override
    public String name() {
        return name;
    }

    /**
     * Keeps the context that {@code receive…} and {@link #emit} hand messages and events to.
     *
     * @param context the runtime's context; never null
     * @throws IllegalStateException when the transport is started and not closed
     */
    @Override
    public void start(TransportContext context) {
        Objects.requireNonNull(context, "context");
        lock.lock();
        try {
            if (this.context != null) {
                throw new IllegalStateException("RecordingTransport '" + name + "' was already started");
            }
            this.context = context;
            this.closed = false;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Hands a message to the started context, as if a user had sent it.
     *
     * @param message the message; its transport must be this transport's name; never null
     * @throws IllegalStateException when the transport is not started, or closed
     * @throws IllegalArgumentException when the message names another transport
     */
    public void receive(InboundMessage message) {
        Objects.requireNonNull(message, "message");
        if (!message.transport().equals(name)) {
            throw new IllegalArgumentException(
                    "RecordingTransport '" + name + "' cannot receive a message of transport '" + message.transport()
                            + "' (" + message.dedupKey() + ")");
        }
        requireContext("receive " + message.dedupKey()).deliver(message);
    }

    /**
     * Hands a text message to the started context, stamped with this transport's clock.
     *
     * @param from the sender's address; never blank
     * @param messageId the message id, the deduplication key; never blank
     * @param text the text; never null
     * @return the message handed over; never null
     * @throws IllegalStateException when the transport is not started, or closed
     */
    public InboundMessage receiveText(String from, String messageId, String text) {
        var message = InboundMessage.text(name, messageId, from, text, clock.instant());
        receive(message);
        return message;
    }

    /**
     * Hands a voice note to the started context. The audio is kept so that {@link #download} returns it: the
     * note's {@link MediaRef} id is the message id and its media type the clip's.
     *
     * @param from the sender's address; never blank
     * @param messageId the message id, the deduplication key and the media id; never blank
     * @param audio the recording; never null
     * @return the message handed over; never null
     * @throws IllegalStateException when the transport is not started, or closed
     */
    public InboundMessage receiveVoice(String from, String messageId, AudioClip audio) {
        var message = InboundMessage.voice(name, messageId, from, addMedia(messageId, audio), clock.instant());
        receive(message);
        return message;
    }

    /**
     * Keeps audio for {@link #download}, for messages built by hand and passed to {@link #receive}.
     *
     * @param mediaId the media id; never blank
     * @param audio the audio; never null
     * @return the handle to put in the message; never null
     */
    public MediaRef addMedia(String mediaId, AudioClip audio) {
        Objects.requireNonNull(audio, "audio");
        var ref = new MediaRef(mediaId, audio.mimeType());
        lock.lock();
        try {
            media.put(mediaId, audio);
        } finally {
            lock.unlock();
        }
        return ref;
    }

    /**
     * Reports a connection event to the started context, such as {@link TransportEvent.AuthFailed}.
     *
     * @param event the event; never null
     * @throws IllegalStateException when the transport is not started, or closed
     */
    public void emit(TransportEvent event) {
        Objects.requireNonNull(event, "event");
        requireContext("emit " + event).event(event);
    }

    /**
     * Records a reply, unless a failure was set up for it.
     *
     * @param message the reply; never null
     * @return a receipt with id {@code <name>-<n>}, n counting recorded sends from 1; never null
     * @throws ProviderException the exception given to {@link #failNextSends} or {@link #failSendsWhen}
     */
    @Override
    public Delivery send(OutboundMessage message) {
        Objects.requireNonNull(message, "message");
        lock.lock();
        try {
            sendAttempts++;
            if (sendsToFail > 0 && sendFailure != null) {
                sendsToFail--;
                throw sendFailure;
            }
            if (failSendsWhen != null && conditionalSendFailure != null && failSendsWhen.test(message)) {
                throw conditionalSendFailure;
            }
            sent.add(message);
            sentChanged.signalAll();
            return new Delivery(Optional.of(name + "-" + sent.size()));
        } finally {
            lock.unlock();
        }
    }

    /**
     * Returns audio kept by {@link #receiveVoice} or {@link #addMedia}.
     *
     * @param media the handle; never null
     * @return the audio; never null
     * @throws ProviderException the exception given to {@link #failNextDownloads}, or of kind
     *     {@link ProviderErrorKind#BAD_REQUEST} when no audio is kept under the handle's id
     */
    @Override
    public AudioClip download(MediaRef media) {
        Objects.requireNonNull(media, "media");
        lock.lock();
        try {
            downloads.add(media);
            if (downloadsToFail > 0 && downloadFailure != null) {
                downloadsToFail--;
                throw downloadFailure;
            }
            var audio = this.media.get(media.id());
            if (audio == null) {
                throw ProviderException.builder(
                                ProviderErrorKind.BAD_REQUEST,
                                name,
                                "no media '" + media.id() + "'; receiveVoice or addMedia first")
                        .build();
            }
            return audio;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Records the recipient.
     *
     * @param to the recipient; never null
     */
    @Override
    public void typing(String to) {
        Objects.requireNonNull(to, "to");
        lock.lock();
        try {
            typingCalls.add(to);
        } finally {
            lock.unlock();
        }
    }

    /** Forgets the context: {@code receive…} and {@link #emit} fail until the next start. Idempotent. */
    @Override
    public void close() {
        lock.lock();
        try {
            context = null;
            closed = true;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Fails the next n sends with an exception; they are not recorded. Replaces an earlier call.
     *
     * @param n how many sends to fail; zero or more (zero stops failing)
     * @param failure what they throw; never null
     * @return this transport; never null
     * @throws IllegalArgumentException when n is negative
     */
    public RecordingTransport failNextSends(int n, ProviderException failure) {
        Objects.requireNonNull(failure, "failure");
        if (n < 0) {
            throw new IllegalArgumentException("n must be zero or more, was " + n);
        }
        lock.lock();
        try {
            sendsToFail = n;
            sendFailure = failure;
        } finally {
            lock.unlock();
        }
        return this;
    }

    /**
     * Fails every send whose message matches, until {@link #healSends()}; they are not recorded. Checked after
     * {@link #failNextSends}. Replaces an earlier condition.
     *
     * @param condition which messages fail; called under the transport's lock, so it must not call back; never null
     * @param failure what they throw; never null
     * @return this transport; never null
     */
    public RecordingTransport failSendsWhen(Predicate<OutboundMessage> condition, ProviderException failure) {
        Objects.requireNonNull(condition, "condition");
        Objects.requireNonNull(failure, "failure");
        lock.lock();
        try {
            failSendsWhen = condition;
            conditionalSendFailure = failure;
        } finally {
            lock.unlock();
        }
        return this;
    }

    /**
     * Stops failing sends: clears {@link #failNextSends} and {@link #failSendsWhen}.
     *
     * @return this transport; never null
     */
    public RecordingTransport healSends() {
        lock.lock();
        try {
            sendsToFail = 0;
            sendFailure = null;
            failSendsWhen = null;
            conditionalSendFailure = null;
        } finally {
            lock.unlock();
        }
        return this;
    }

    /**
     * Fails the next n downloads with an exception. Replaces an earlier call.
     *
     * @param n how many downloads to fail; zero or more (zero stops failing)
     * @param failure what they throw; never null
     * @return this transport; never null
     * @throws IllegalArgumentException when n is negative
     */
    public RecordingTransport failNextDownloads(int n, ProviderException failure) {
        Objects.requireNonNull(failure, "failure");
        if (n < 0) {
            throw new IllegalArgumentException("n must be zero or more, was " + n);
        }
        lock.lock();
        try {
            downloadsToFail = n;
            downloadFailure = failure;
        } finally {
            lock.unlock();
        }
        return this;
    }

    /**
     * The replies sent so far, in the order they were sent.
     *
     * @return a snapshot; never null
     */
    public List<OutboundMessage> sent() {
        lock.lock();
        try {
            return List.copyOf(sent);
        } finally {
            lock.unlock();
        }
    }

    /**
     * The text of each reply sent so far (for a voice note, what it says), in order.
     *
     * @return a snapshot; never null
     */
    public List<String> sentTexts() {
        return sent().stream().map(m -> m.content().text()).toList();
    }

    /**
     * Waits until at least {@code count} replies were sent.
     *
     * @param count how many replies to wait for; zero or more
     * @param timeout how long to wait at most; never null or negative
     * @return all replies sent so far, at least {@code count}; never null
     * @throws AssertionError when the time runs out or the thread is interrupted, listing what was sent
     */
    public List<OutboundMessage> awaitSent(int count, Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (count < 0) {
            throw new IllegalArgumentException("count must be zero or more, was " + count);
        }
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must not be negative, was " + timeout);
        }
        lock.lock();
        try {
            long nanos = timeout.toNanos();
            while (sent.size() < count) {
                if (nanos <= 0) {
                    throw new AssertionError(shortfall(count, "within " + timeout));
                }
                nanos = sentChanged.awaitNanos(nanos);
            }
            return List.copyOf(sent);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(shortfall(count, "before the thread was interrupted"), e);
        } finally {
            lock.unlock();
        }
    }

    private String shortfall(int count, String when) {
        String listing = sent.isEmpty()
                ? " (none)"
                : sent.stream().map(RecordingTransport::describe).collect(Collectors.joining("\n  ", ":\n  ", ""));
        return "expected at least " + count + " sent message(s) on transport '" + name + "' " + when + ", but "
                + sent.size() + " were sent" + listing;
    }

    private static String describe(OutboundMessage message) {
        String voice = message.content() instanceof OutboundContent.Voice v ? "[voice " + v.audio() + "] " : "";
        return message.id() + " to " + message.to() + ": " + voice
                + message.content().text();
    }

    /**
     * How many times {@link #send} was called, including the calls made to fail.
     *
     * @return zero or more
     */
    public int sendAttempts() {
        lock.lock();
        try {
            return sendAttempts;
        } finally {
            lock.unlock();
        }
    }

    /**
     * The recipient of each {@link #typing} call, in order.
     *
     * @return a snapshot; never null
     */
    public List<String> typingCalls() {
        lock.lock();
        try {
            return List.copyOf(typingCalls);
        } finally {
            lock.unlock();
        }
    }

    /**
     * The handle of each {@link #download} call, in order, including failed ones.
     *
     * @return a snapshot; never null
     */
    public List<MediaRef> downloads() {
        lock.lock();
        try {
            return List.copyOf(downloads);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Whether the transport is started and not closed.
     *
     * @return true between {@link #start} and {@link #close}
     */
    public boolean started() {
        lock.lock();
        try {
            return context != null;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Whether {@link #close} was called since the last start.
     *
     * @return true once closed
     */
    public boolean closed() {
        lock.lock();
        try {
            return closed;
        } finally {
            lock.unlock();
        }
    }

    private TransportContext requireContext(String what) {
        lock.lock();
        try {
            if (context == null) {
                throw new IllegalStateException("cannot " + what + ": RecordingTransport '" + name + "' is "
                        + (closed ? "closed" : "not started") + "; start it (or the runtime with it) first");
            }
            return context;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Configures a {@link RecordingTransport}. Mutable and not thread-safe.
     *
     * @since 0.1
     */
    public static final class Builder {
        private String name = DEFAULT_NAME;
        private Clock clock = Clock.systemUTC();

        private Builder() {}

        /**
         * The transport's name; {@value RecordingTransport#DEFAULT_NAME} by default.
         *
         * @param value the name, such as {@code whatsapp-cloud}; never blank
         * @return this builder; never null
         * @throws IllegalArgumentException when the name is blank
         */
        public Builder name(String value) {
            Objects.requireNonNull(value, "name");
            if (value.isBlank()) {
                throw new IllegalArgumentException("name must not be blank, was '" + value + "'");
            }
            this.name = value;
            return this;
        }

        /**
         * The clock that stamps received messages, such as a {@link ManualClock}; the system UTC clock by default.
         *
         * @param value the clock; never null
         * @return this builder; never null
         */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /**
         * Creates the transport.
         *
         * @return a new, unstarted transport; never null
         */
        public RecordingTransport build() {
            return new RecordingTransport(this);
        }
    }
}
