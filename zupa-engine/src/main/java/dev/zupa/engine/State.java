package dev.zupa.engine;

import dev.zupa.engine.channel.Channel;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * An immutable view of a graph's channel values. Lists, maps and sets inside it cannot be modified.
 *
 * @since 0.1
 */
public interface State {
    /**
     * A channel's value, or its initial value (an empty list, a reducer's initial value) when nothing was written.
     *
     * @param channel the channel; never null
     * @param <V> the value type
     * @return the value; never null
     * @throws NoSuchElementException when a last-value or ephemeral channel has no value
     * @throws IllegalArgumentException when the channel is not declared in this graph
     */
    <V> V get(Channel<V, ?> channel);

    /**
     * A channel's value, or its initial value, or empty.
     *
     * @param channel the channel; never null
     * @param <V> the value type
     * @return the value, if any; never null
     * @throws IllegalArgumentException when the channel is not declared in this graph
     */
    <V> Optional<V> find(Channel<V, ?> channel);
}
