package dev.zupa.engine;

import dev.zupa.engine.channel.Channel;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The writes a run starts with, merged through the channels' reducers into the thread's state before the first node
 * runs.
 *
 * @since 0.1
 */
public final class Input {
    private static final Input NONE = new Input(List.of());

    private final List<Write> writes;

    private Input(List<Write> writes) {
        this.writes = List.copyOf(writes);
    }

    /**
     * No input.
     *
     * @return the empty input; never null
     */
    public static Input none() {
        return NONE;
    }

    /**
     * An input of one write.
     *
     * @param channel the channel; never null
     * @param update the update; never null
     * @param <U> the update type
     * @return the input; never null
     */
    public static <U> Input of(Channel<?, U> channel, U update) {
        return NONE.and(channel, update);
    }

    /**
     * This input and one more write.
     *
     * @param channel the channel; never null
     * @param update the update; never null
     * @param <U> the update type
     * @return a new input; never null
     */
    public <U> Input and(Channel<?, U> channel, U update) {
        var more = new ArrayList<>(writes);
        more.add(new Write(channel, update));
        return new Input(more);
    }

    /**
     * The writes, in order.
     *
     * @return the writes; never null
     */
    public List<Write> writes() {
        return writes;
    }

    /**
     * Whether there are no writes.
     *
     * @return true for {@link #none()}
     */
    public boolean isEmpty() {
        return writes.isEmpty();
    }

    /**
     * One write of an input.
     *
     * @param channel the channel; never null
     * @param update the update; never null
     */
    public record Write(Channel<?, ?> channel, Object update) {
        /** Validates the write. */
        public Write {
            Objects.requireNonNull(channel, "channel");
            Objects.requireNonNull(update, "update");
            if (!channel.accepts(update)) {
                throw new IllegalArgumentException("channel '" + channel.name() + "' takes updates of type "
                        + channel.updateType().getTypeName() + ", not "
                        + update.getClass().getName());
            }
        }
    }
}
