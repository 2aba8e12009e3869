package dev.zupa.adapters.whatsappweb.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.zupa.core.ZupaConfigurationException;
import dev.zupa.core.provider.ProviderErrorKind;
import dev.zupa.core.transport.TransportEvent;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one sidecar running: starts it, turns its events into {@link TransportEvent}s, restarts it with exponential
 * backoff when it dies, and restarts it when WhatsApp Web authenticates but never becomes ready (a known failure
 * after WhatsApp Web updates). Thread-safe.
 */
public final class SidecarSupervisor implements AutoCloseable, SidecarProcess.Listener {
    private static final Logger LOG = LoggerFactory.getLogger(SidecarSupervisor.class);

    private final SidecarSettings settings;
    private final SessionListener listener;
    private final ScheduledExecutorService timers;

    /** Guards the fields below. */
    private final ReentrantLock lock = new ReentrantLock();

    private @Nullable SessionLock session;
    private @Nullable SidecarProcess current;
    private @Nullable ScheduledFuture<?> restart;
    private int runs;
    private int failedRuns;
    private boolean closed;

    /**
     * Creates a supervisor; nothing runs until {@link #start()}.
     *
     * @param settings how to run the sidecar
     * @param listener where the session's events and messages go
     */
    public SidecarSupervisor(SidecarSettings settings, SessionListener listener) {
        this.settings = settings;
        this.listener = listener;
        this.timers = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("zupa-whatsapp-web-timers").daemon().factory());
    }

    /**
     * Extracts the sidecar, takes the session's lock and starts the sidecar.
     *
     * @throws ZupaConfigurationException when the files cannot be written, another transport owns the session, or
     *     Node cannot be started
     */
    public void start() {
        SidecarFiles.extract(settings.directory());
        lock.lock();
        try {
            if (closed) {
                throw new IllegalStateException("the supervisor is closed");
            }
            session = SessionLock.acquire(settings.authDirectory(), settings.clientId());
            current = SidecarProcess.start(settings.processBuilder(), ++runs, this);
        } catch (IOException e) {
            throw new ZupaConfigurationException(
                    "cannot start Node.js as '" + settings.node() + "' for the whatsapp-web sidecar (" + e.getMessage()
                            + "); install Node.js 18 or newer, or set the node executable",
                    e);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Sends a command to the running sidecar and waits for the reply.
     *
     * @param command the command
     * @param timeout how long to wait for the reply
     * @return the reply's result
     * @throws dev.zupa.core.provider.ProviderException CONNECTION while the sidecar is restarting or when it dies
     *     before replying, TIMEOUT, or the kind of the sidecar's error
     */
    public JsonNode call(SidecarCommand command, Duration timeout) {
        return running(command).call(command, timeout);
    }

    /**
     * Sends a command without waiting for it; does nothing while the sidecar is restarting.
     *
     * @param command the command
     */
    public void post(SidecarCommand command) {
        lock.lock();
        var process = current;
        lock.unlock();
        if (process != null) {
            process.post(command);
        }
    }

    /**
     * The running Node process.
     *
     * @return the process, or empty while restarting or after {@link #close()}
     */
    public Optional<ProcessHandle> process() {
        lock.lock();
        try {
            return Optional.ofNullable(current).map(SidecarProcess::handle);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void onEvent(SidecarProcess process, SidecarEvent event) {
        switch (event) {
            case SidecarEvent.Qr qr -> listener.event(new TransportEvent.QrRequested(qr.qr()));
            case SidecarEvent.Authenticated authenticated -> {
                // whatsapp-web.js 1.34.6 fires authenticated several times: one event and one watchdog per login.
                if (process.markAuthenticated()) {
                    schedule(() -> watchdog(process), settings.readyTimeout());
                    listener.event(new TransportEvent.Authenticated());
                }
            }
            case SidecarEvent.Ready ready -> {
                process.markReady(true);
                lock.lock();
                failedRuns = 0;
                lock.unlock();
                listener.event(new TransportEvent.Ready());
            }
            case SidecarEvent.AuthFailure failure -> {
                // The sidecar wipes the session and exits; the restart shows a new QR code.
                process.markReported();
                listener.event(new TransportEvent.AuthFailed(failure.message()));
            }
            case SidecarEvent.Disconnected disconnected -> {
                process.markReady(false);
                if (disconnected.sidecarStaysUp()) {
                    // After a logout the same sidecar shows a new QR code; the next login gets its own watchdog.
                    process.resetAuthenticated();
                } else {
                    process.markReported();
                }
                listener.event(new TransportEvent.Disconnected(disconnected.reason()));
            }
            case SidecarEvent.Message message -> listener.message(message.message());
            case SidecarEvent.MessageAck ack -> listener.ack(ack);
            case SidecarEvent.Fatal fatal -> LOG.error("the whatsapp-web sidecar cannot go on: {}", fatal.error());
            case SidecarEvent.Reply reply -> LOG.debug("reply {} reached the supervisor", reply.id());
        }
    }

    @Override
    public void onExit(SidecarProcess process, int exitCode) {
        lock.lock();
        try {
            if (process != current) {
                return;
            }
            current = null;
            if (closed) {
                LOG.info("the whatsapp-web sidecar stopped (exit code {})", exitCode);
                return;
            }
            var delay = settings.backoff().delay(++failedRuns);
            var reason = process.exitReason(exitCode) + "; restarting in " + delay;
            LOG.warn(reason);
            if (process.markReported()) {
                listener.event(new TransportEvent.Disconnected(reason));
            }
            restart = schedule(this::restart, delay);
        } finally {
            lock.unlock();
        }
    }

    /** Stops the sidecar (asking first, then by force) and every timer. Idempotent. */
    @Override
    public void close() {
        SidecarProcess process;
        SessionLock held;
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            process = current;
            held = session;
            if (restart != null) {
                restart.cancel(false);
            }
        } finally {
            lock.unlock();
        }
        timers.shutdownNow();
        if (process != null) {
            process.shutdown(settings.shutdownTimeout());
        }
        // Only once the browser is gone may another owner open the session.
        if (held != null) {
            held.close();
        }
    }

    private SidecarProcess running(SidecarCommand command) {
        lock.lock();
        try {
            if (closed) {
                throw Failures.of(ProviderErrorKind.UNAVAILABLE, "the whatsapp-web transport is closed");
            }
            if (current == null) {
                throw Failures.of(
                        ProviderErrorKind.CONNECTION,
                        "the whatsapp-web sidecar is restarting; " + command.name() + " was not sent");
            }
            return current;
        } finally {
            lock.unlock();
        }
    }

    private void restart() {
        lock.lock();
        try {
            if (closed || current != null) {
                return;
            }
            try {
                current = SidecarProcess.start(settings.processBuilder(), ++runs, this);
            } catch (IOException e) {
                var delay = settings.backoff().delay(++failedRuns);
                LOG.error("cannot restart the whatsapp-web sidecar ({}); trying again in {}", e.getMessage(), delay);
                restart = schedule(this::restart, delay);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Runs a task later; after {@link #close()} the timers are gone and nothing is left to run. */
    private @Nullable ScheduledFuture<?> schedule(Runnable task, Duration delay) {
        try {
            return timers.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            return null;
        }
    }

    private void watchdog(SidecarProcess process) {
        lock.lock();
        try {
            if (closed || process != current || process.ready()) {
                return;
            }
        } finally {
            lock.unlock();
        }
        var reason = "WhatsApp Web authenticated but was not ready within " + settings.readyTimeout()
                + "; restarting the sidecar";
        LOG.warn(reason);
        if (process.markReported()) {
            listener.event(new TransportEvent.Disconnected(reason));
        }
        // Not on the timer thread: terminating may take twice the shutdown timeout.
        Thread.ofVirtual()
                .name("zupa-whatsapp-web-watchdog")
                .start(() -> process.terminate(settings.shutdownTimeout()));
    }
}
