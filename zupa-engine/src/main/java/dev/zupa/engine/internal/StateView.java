package dev.zupa.engine.internal;

import dev.zupa.engine.State;
import dev.zupa.engine.channel.Channel;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;

/** An immutable view over channel values; the map is never modified after construction. */
final class StateView implements State {
    private final GraphDefinition definition;
    private final Map<String, Object> values;

    StateView(GraphDefinition definition, Map<String, Object> values) {
        this.definition = definition;
        this.values = values;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <V> Optional<V> find(Channel<V, ?> channel) {
        Objects.requireNonNull(channel, "channel");
        definition.channel(channel);
        var value = values.get(channel.name());
        return value != null ? Optional.of((V) value) : channel.initial();
    }

    @Override
    public <V> V get(Channel<V, ?> channel) {
        return find(channel)
                .orElseThrow(() -> new NoSuchElementException(
                        "channel '" + channel.name() + "' has no value yet; use State.find to handle that"));
    }

    Map<String, Object> values() {
        return values;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StateView s && values.equals(s.values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return "State" + new java.util.TreeMap<>(values);
    }
}
