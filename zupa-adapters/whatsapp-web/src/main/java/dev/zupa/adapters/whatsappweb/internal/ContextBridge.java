package dev.zupa.adapters.whatsappweb.internal;

import dev.zupa.core.transport.ContentType;
import dev.zupa.core.transport.InboundMessage;
import dev.zupa.core.transport.TransportContext;
import dev.zupa.core.transport.TransportEvent;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands the session's events and messages to the runtime, in order, on a thread of its own. The sidecar's reader
 * thread never waits for the runtime: replies to commands arrive on that thread, and a runtime whose
 * {@link TransportContext#deliver} sends a reply would otherwise wait for itself. Thread-safe.
 */
public final class ContextBridge implements SessionListener, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ContextBridge.class);

    /** How often a message is offered to the runtime before it is given up. */
    static final int DELIVERY_ATTEMPTS = 3;

    private static final Runnable STOP = () -> {};

    private final TransportContext context;
    private final InboundMapper mapper;
    private final StatusMapper statuses;
    private final MediaCache media;
    private final Duration retryDelay;
    private final BlockingQueue<Runnable> tasks = new LinkedBlockingQueue<>();
    private final Thread worker;

    /**
     * Starts the thread that talks to the runtime.
     *
     * @param context the runtime's side of the transport
     * @param mapper turns WhatsApp Web messages into inbound messages
     * @param statuses turns acks of sent messages into delivery statuses
     * @param media where the audio of voice notes is kept for {@code download}
     * @param retryDelay the pause before a failed delivery is tried again; doubled each time
     */
    public ContextBridge(
            TransportContext context,
            InboundMapper mapper,
            StatusMapper statuses,
            MediaCache media,
            Duration retryDelay) {
        this.context = context;
        this.mapper = mapper;
        this.statuses = statuses;
        this.media = media;
        this.retryDelay = retryDelay;
        this.worker = Thread.ofVirtual().name("zupa-whatsapp-web-delivery").start(this::work);
    }

    @Override
    public void event(TransportEvent event) {
        tasks.add(() -> {
            try {
                context.event(event);
            } catch (RuntimeException e) {
                LOG.warn("the runtime failed to handle {}", event, e);
            }
        });
    }

    @Override
    public void message(WebMessage message) {
        var inbound = mapper.map(message);
        if (inbound.isEmpty()) {
            LOG.debug("skipping {} message {} from {}", message.type(), message.id(), message.from());
            return;
        }
        message.media().ifPresent(clip -> media.put(message.id(), clip));
        message.mediaError()
                .ifPresent(error -> LOG.info("the audio of {} did not arrive with it ({})", message.id(), error));
        if (inbound.get().type() == ContentType.UNSUPPORTED) {
            LOG.info(
                    "{} from {} is a '{}' message, delivered as unsupported",
                    message.id(),
                    inbound.get().from(),
                    message.type());
        }
        tasks.add(() -> deliver(inbound.get()));
    }

    /** Dated here, on the reader thread, so that a runtime slow to take events does not make statuses late. */
    @Override
    public void ack(SidecarEvent.MessageAck ack) {
        statuses.map(ack).ifPresent(this::event);
    }

    /**
     * Lets the thread finish what is queued, for up to {@code timeout}, then stops it.
     *
     * @param timeout how long to wait
     */
    public void close(Duration timeout) {
        tasks.add(STOP);
        try {
            if (!worker.join(timeout)) {
                worker.interrupt();
            }
        } catch (InterruptedException e) {
            worker.interrupt();
            Thread.currentThread().interrupt();
        }
    }

    /** Stops at once; what is still queued is dropped. */
    @Override
    public void close() {
        close(Duration.ZERO);
    }

    private void work() {
        try {
            for (var task = tasks.take(); task != STOP; task = tasks.take()) {
                task.run();
            }
        } catch (InterruptedException e) {
            LOG.debug("stopped handing whatsapp-web messages to the runtime");
        }
    }

    /** WhatsApp Web never delivers a message again, so a failed hand-over is tried a few times before it is lost. */
    private void deliver(InboundMessage message) {
        var pause = retryDelay;
        for (int attempt = 1; ; attempt++) {
            try {
                context.deliver(message);
                return;
            } catch (RuntimeException e) {
                if (attempt == DELIVERY_ATTEMPTS) {
                    LOG.error(
                            "lost message {} from {}: the runtime could not store it after {} attempts, and WhatsApp"
                                    + " Web does not deliver it again",
                            message.messageId(),
                            message.from(),
                            attempt,
                            e);
                    return;
                }
                LOG.warn("the runtime could not store message {}; trying again in {}", message.messageId(), pause, e);
            }
            try {
                TimeUnit.NANOSECONDS.sleep(pause.toNanos());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            pause = pause.multipliedBy(2);
        }
    }
}
