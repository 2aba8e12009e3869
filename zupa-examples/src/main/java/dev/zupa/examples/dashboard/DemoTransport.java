package dev.zupa.examples.dashboard;

import dev.zupa.core.provider.ProviderErrorKind;
import dev.zupa.core.provider.ProviderException;
import dev.zupa.core.speech.AudioClip;
import dev.zupa.core.transport.ContentType;
import dev.zupa.core.transport.Delivery;
import dev.zupa.core.transport.InboundMessage;
import dev.zupa.core.transport.MediaRef;
import dev.zupa.core.transport.OutboundMessage;
import dev.zupa.core.transport.Transport;
import dev.zupa.core.transport.TransportContext;
import dev.zupa.core.transport.TransportEvent;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * A transport inside the demo's process: {@link #say} hands the runtime a text as if a customer had written it, and
 * replies are counted and dropped. It reports {@link TransportEvent.Ready} when started, as Zupa's real transports
 * do, so the dashboard's transport panel shows {@code READY}. Thread-safe.
 */
final class DemoTransport implements Transport {
    static final String NAME = "demo";

    private final AtomicLong ids = new AtomicLong();
    private final AtomicLong sent = new AtomicLong();
    private volatile @Nullable TransportContext context;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void start(TransportContext started) {
        this.context = Objects.requireNonNull(started, "context");
        started.event(new TransportEvent.Ready());
    }

    /**
     * A customer writes.
     *
     * @return false when the transport is not started (or closed), so the message went nowhere
     */
    boolean say(String from, String name, String text) {
        var current = context;
        if (current == null) {
            return false;
        }
        current.deliver(new InboundMessage(
                NAME,
                "demo-" + ids.incrementAndGet(),
                from,
                text,
                ContentType.TEXT,
                Optional.empty(),
                Optional.of(name),
                Clock.systemUTC().instant()));
        return true;
    }

    /** Replies the runtime handed over so far. */
    long sent() {
        return sent.get();
    }

    @Override
    public Delivery send(OutboundMessage message) {
        Objects.requireNonNull(message, "message");
        return new Delivery(Optional.of(NAME + "-" + sent.incrementAndGet()));
    }

    @Override
    public AudioClip download(MediaRef media) {
        // the demo's customers only type
        throw ProviderException.builder(ProviderErrorKind.BAD_REQUEST, NAME, "no media '" + media.id() + "'")
                .build();
    }

    @Override
    public void close() {
        context = null;
    }
}
