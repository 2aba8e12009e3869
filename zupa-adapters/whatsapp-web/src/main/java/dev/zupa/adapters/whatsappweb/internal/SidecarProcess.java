package dev.zupa.adapters.whatsappweb.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.zupa.core.provider.ProviderErrorKind;
import dev.zupa.core.provider.ProviderException;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of the sidecar: the Node process, a virtual thread reading its events, one draining its logs, and the
 * commands waiting for a reply. Thread-safe.
 */
final class SidecarProcess {
    private static final Logger LOG = LoggerFactory.getLogger(SidecarProcess.class);
    private static final Logger SIDECAR_LOG = LoggerFactory.getLogger("dev.zupa.adapters.whatsappweb.sidecar");

    /** What the process reports to; called from its reader thread, in order. */
    interface Listener {
        void onEvent(SidecarProcess process, SidecarEvent event);

        void onExit(SidecarProcess process, int exitCode);
    }

    private final Process process;
    private final int run;
    private final BufferedWriter commands;
    private final ReentrantLock writeLock = new ReentrantLock();
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    private final AtomicLong requestIds = new AtomicLong();
    private final AtomicBoolean exited = new AtomicBoolean();
    private final AtomicBoolean authenticated = new AtomicBoolean();
    private final AtomicBoolean reported = new AtomicBoolean();
    private volatile boolean ready;
    private volatile @Nullable String fatal;

    private SidecarProcess(Process process, int run) {
        this.process = process;
        this.run = run;
        this.commands = process.outputWriter(StandardCharsets.UTF_8);
    }

    /**
     * Starts Node and the threads that read from it.
     *
     * @param builder the process to start
     * @param run the run's number, for thread names and logs
     * @param listener where events go
     * @return the running process
     * @throws IOException when Node cannot be started
     */
    static SidecarProcess start(ProcessBuilder builder, int run, Listener listener) throws IOException {
        var sidecar = new SidecarProcess(builder.start(), run);
        Thread.ofVirtual().name("zupa-whatsapp-web-events-" + run).start(() -> sidecar.readEvents(listener));
        Thread.ofVirtual().name("zupa-whatsapp-web-logs-" + run).start(sidecar::readLogs);
        LOG.info("started the whatsapp-web sidecar (run {}, pid {})", run, sidecar.process.pid());
        return sidecar;
    }

    /**
     * Sends a command and waits for its reply.
     *
     * @throws ProviderException CONNECTION when the process is gone or goes away meanwhile, TIMEOUT when no reply
     *     comes in time, or the kind the sidecar's error reply maps to
     */
    JsonNode call(SidecarCommand command, Duration timeout) {
        var id = Long.toString(requestIds.incrementAndGet());
        var reply = new CompletableFuture<JsonNode>();
        pending.put(id, new Pending(command.name(), reply));
        // An exit that failed the pending calls before this one was registered would leave it waiting forever.
        if (exited.get()) {
            pending.remove(id);
            throw gone(command);
        }
        try {
            write(SidecarCodec.encode(id, command));
            return reply.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (IOException e) {
            throw ProviderException.builder(
                            ProviderErrorKind.CONNECTION,
                            Failures.VENDOR,
                            "cannot write " + command.name() + " to the sidecar: " + e.getMessage())
                    .cause(e)
                    .build();
        } catch (TimeoutException e) {
            throw Failures.of(ProviderErrorKind.TIMEOUT, command.name() + " got no reply within " + timeout);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof ProviderException failure) {
                throw failure;
            }
            throw Failures.of(ProviderErrorKind.UNAVAILABLE, command.name() + " failed: " + e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw Failures.of(ProviderErrorKind.CONNECTION, command.name() + " was interrupted");
        } finally {
            pending.remove(id);
        }
    }

    /** Sends a command without waiting; a failure to write is logged, and the reply is ignored. */
    void post(SidecarCommand command) {
        try {
            write(SidecarCodec.encode("post-" + requestIds.incrementAndGet(), command));
        } catch (IOException e) {
            LOG.debug("cannot write {} to the sidecar: {}", command.name(), e.getMessage());
        }
    }

    /** Asks the sidecar to stop; then stops it by force if it has not within {@code grace}. */
    void shutdown(Duration grace) {
        post(new SidecarCommand.Shutdown());
        if (!waitFor(grace)) {
            LOG.warn("the whatsapp-web sidecar did not stop within {}; terminating it", grace);
            terminate(grace);
        }
    }

    /**
     * Terminates the process (SIGTERM, which the sidecar answers by closing the browser), and kills it and the
     * browser it started when that has not worked within {@code grace}. Returns once the process is gone.
     */
    void terminate(Duration grace) {
        // Taken now: once Node is gone, its browser is re-parented and no longer listed as a descendant.
        List<ProcessHandle> descendants = process.descendants().toList();
        process.destroy();
        if (!waitFor(grace)) {
            LOG.warn("killing the whatsapp-web sidecar (pid {}) and its browser", process.pid());
            process.destroyForcibly();
            waitFor(grace);
        }
        descendants.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

    /** Records the first {@code authenticated}; returns whether this was it. */
    boolean markAuthenticated() {
        return authenticated.compareAndSet(false, true);
    }

    void resetAuthenticated() {
        authenticated.set(false);
    }

    void markReady(boolean value) {
        this.ready = value;
    }

    boolean ready() {
        return ready;
    }

    /** Records that a disconnection has been reported for this run; returns whether it had not been before. */
    boolean markReported() {
        return reported.compareAndSet(false, true);
    }

    ProcessHandle handle() {
        return process.toHandle();
    }

    String exitReason(int exitCode) {
        var error = fatal;
        return error != null
                ? "the whatsapp-web sidecar stopped: " + error
                : "the whatsapp-web sidecar exited with code " + exitCode;
    }

    private void write(String line) throws IOException {
        writeLock.lock();
        try {
            commands.write(line);
            commands.newLine();
            commands.flush();
        } finally {
            writeLock.unlock();
        }
    }

    private boolean waitFor(Duration timeout) {
        try {
            return process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !process.isAlive();
        }
    }

    private void readEvents(Listener listener) {
        try (BufferedReader lines = process.inputReader(StandardCharsets.UTF_8)) {
            String line;
            while ((line = lines.readLine()) != null) {
                dispatch(line, listener);
            }
        } catch (IOException e) {
            LOG.debug("stopped reading the sidecar's events: {}", e.getMessage());
        }
        exited.set(true);
        pending.values().forEach(waiting -> waiting.reply()
                .completeExceptionally(Failures.of(
                        ProviderErrorKind.CONNECTION, "the whatsapp-web sidecar went away before it replied")));
        listener.onExit(this, exitCode());
    }

    private void dispatch(String line, Listener listener) {
        if (line.isBlank()) {
            return;
        }
        try {
            var event = SidecarCodec.decode(line);
            if (event.isEmpty()) {
                LOG.debug("ignoring an unknown sidecar event: {}", abbreviate(line));
            } else if (event.get() instanceof SidecarEvent.Reply reply) {
                complete(reply);
            } else {
                if (event.get() instanceof SidecarEvent.Fatal failure) {
                    fatal = failure.error();
                }
                listener.onEvent(this, event.get());
            }
        } catch (IllegalArgumentException e) {
            LOG.warn(
                    "ignoring a malformed line from the whatsapp-web sidecar ({}): {}",
                    e.getMessage(),
                    abbreviate(line));
        } catch (RuntimeException e) {
            // A failing listener must not stop the reader: later replies and events still need to arrive.
            LOG.error("handling a sidecar event failed", e);
        }
    }

    private void complete(SidecarEvent.Reply reply) {
        var waiting = pending.remove(reply.id());
        if (waiting == null) {
            LOG.debug("reply {} has no caller waiting (timed out, or a fire-and-forget command)", reply.id());
        } else if (reply.ok()) {
            waiting.reply().complete(reply.result());
        } else {
            waiting.reply().completeExceptionally(Failures.fromReply(waiting.command(), reply.code(), reply.error()));
        }
    }

    private void readLogs() {
        try (BufferedReader lines = process.errorReader(StandardCharsets.UTF_8)) {
            String line;
            while ((line = lines.readLine()) != null) {
                SIDECAR_LOG.info("[run {}] {}", run, line);
            }
        } catch (IOException e) {
            LOG.debug("stopped reading the sidecar's logs: {}", e.getMessage());
        }
    }

    private int exitCode() {
        try {
            // stdout closes when Node exits; a process that closed it yet lives on is not worth waiting for.
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return process.waitFor();
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** A command waiting for its reply. */
    private record Pending(String command, CompletableFuture<JsonNode> reply) {}

    private static String abbreviate(String line) {
        return line.length() <= 200 ? line : line.substring(0, 200) + "…";
    }

    private static ProviderException gone(SidecarCommand command) {
        return Failures.of(
                ProviderErrorKind.CONNECTION,
                "the whatsapp-web sidecar is not running; " + command.name() + " was not sent");
    }
}
