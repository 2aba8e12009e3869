package dev.zupa.engine.internal;

import dev.zupa.core.ZupaException;
import dev.zupa.engine.RunCancelledException;
import dev.zupa.engine.RunConfig;
import dev.zupa.engine.RunOutcome;
import dev.zupa.engine.RunStream;
import dev.zupa.engine.event.RunEvent;
import java.util.NoSuchElementException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/** A run on its own virtual thread, its events handed over through a bounded queue. */
final class EventStream implements RunStream {
    private static final int BUFFER = 1024;

    private final BlockingQueue<RunEvent> queue = new ArrayBlockingQueue<>(BUFFER);
    private final CompletableFuture<RunOutcome> outcome = new CompletableFuture<>();
    private @Nullable Thread runner;
    private @Nullable RunEvent nextEvent;
    private boolean ended;
    private volatile boolean endOffered;
    private volatile boolean closed;

    private EventStream() {}

    static EventStream start(RunConfig config, Function<RunConfig, RunOutcome> run) {
        var stream = new EventStream();
        var listening = config.listener(stream::offer);
        stream.runner = Thread.ofVirtual().name("zupa-run-" + config.threadId()).start(() -> {
            try {
                stream.outcome.complete(run.apply(listening));
            } catch (Throwable e) {
                stream.outcome.completeExceptionally(e);
                if (!stream.endOffered) {
                    // failures before the first step (a bad thread state) emit no event of their own
                    stream.offer(new RunEvent.RunFailed(config.threadId(), "", e));
                }
            }
        });
        return stream;
    }

    private void offer(RunEvent event) {
        if (event.namespace().isEmpty()
                && (event instanceof RunEvent.RunFinished || event instanceof RunEvent.RunFailed)) {
            endOffered = true;
        }
        try {
            queue.put(event);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RunCancelledException("the run stream was closed");
        }
    }

    @Override
    public boolean hasNext() {
        if (nextEvent != null) {
            return true;
        }
        if (ended || closed) {
            // after close the run is cancelled and its remaining events are dropped
            return false;
        }
        try {
            nextEvent = queue.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RunCancelledException("interrupted while waiting for the next run event");
        }
        // only the root run's end event ends the stream; subgraphs emit their own with a namespace
        if (nextEvent.namespace().isEmpty()
                && (nextEvent instanceof RunEvent.RunFinished || nextEvent instanceof RunEvent.RunFailed)) {
            ended = true;
        }
        return true;
    }

    @Override
    public RunEvent next() {
        if (!hasNext()) {
            throw new NoSuchElementException("the run has ended");
        }
        var event = nextEvent;
        nextEvent = null;
        return event;
    }

    @Override
    public RunOutcome outcome() {
        // drain so a full buffer cannot hold the run back
        while (hasNext()) {
            next();
        }
        try {
            return outcome.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof ZupaException z) {
                throw z;
            }
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw e;
        }
    }

    @Override
    public void close() {
        closed = true;
        var thread = runner;
        if (thread != null && !outcome.isDone()) {
            thread.interrupt();
            queue.clear();
        }
    }
}
