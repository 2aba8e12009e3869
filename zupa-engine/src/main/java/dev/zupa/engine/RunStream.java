package dev.zupa.engine;

import dev.zupa.engine.event.RunEvent;
import java.util.Iterator;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * A run in progress, seen as its events. The run executes on its own virtual thread; iterating takes events as they
 * come and ends after {@link RunEvent.RunFinished} or {@link RunEvent.RunFailed}. The run waits when the consumer
 * falls behind by more than a bounded buffer, so a slow reader cannot exhaust memory.
 *
 * <p>Closing the stream before the end cancels the run: its thread is interrupted, and the thread keeps its last
 * stored checkpoint.
 *
 * @since 0.1
 */
public interface RunStream extends Iterator<RunEvent>, AutoCloseable {
    /**
     * The remaining events as a sequential {@link Stream}; closing it closes this run stream.
     *
     * @return the stream; never null
     */
    default Stream<RunEvent> stream() {
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(this, Spliterator.ORDERED), false)
                .onClose(this::close);
    }

    /**
     * Waits for the run to end and returns its outcome, skipping the remaining events.
     *
     * @return the outcome; never null
     * @throws dev.zupa.core.ZupaException the run's failure
     */
    RunOutcome outcome();

    /** Cancels the run if it is still going. Idempotent. */
    @Override
    void close();
}
