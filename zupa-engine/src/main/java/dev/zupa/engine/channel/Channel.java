package dev.zupa.engine.channel;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.zupa.core.json.JsonCodec;
import dev.zupa.core.message.Message;
import dev.zupa.core.message.MessageUpdate;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BinaryOperator;

/**
 * A named, typed piece of graph state and the rule that merges writes into it. A channel is also the key a node
 * reads and writes with, so no cast is ever needed:
 *
 * <pre>{@code
 * static final Channel<Integer, Integer> TOTAL = Channel.reducer("total", Integer.class, Integer::sum, 0);
 * static final Channel<List<String>, String> LOG = Channel.appender("log", String.class);
 * ...
 * int total = ctx.state().get(TOTAL);
 * ctx.write(LOG, "counted");
 * }</pre>
 *
 * <p>Values must be JSON-serialisable with Jackson (records, strings, numbers, lists, maps) because they are
 * checkpointed, and should be immutable: the engine freezes lists, maps and sets it is given, but cannot freeze the
 * inside of a mutable object of the user's own type.
 *
 * <p>Immutable and thread-safe. Two channels are equal when their names, kinds and types are equal.
 *
 * @param <V> the value type a node reads
 * @param <U> the update type a node writes
 * @since 0.1
 */
public final class Channel<V, U> {
    private final String name;
    private final ChannelKind kind;
    private final Type valueType;
    private final Type updateType;
    private final Class<?> updateClass;
    private final BinaryOperator<V> reducer;
    private final V initial;

    private Channel(
            String name, ChannelKind kind, Type valueType, Type updateType, BinaryOperator<V> reducer, V initial) {
        this.name = validName(name);
        this.kind = kind;
        this.valueType = valueType;
        this.updateType = updateType;
        this.updateClass = rawClass(updateType);
        this.reducer = reducer;
        this.initial = initial;
    }

    /**
     * A channel holding the last value written; two writes in one step fail with an error naming both writers.
     *
     * @param name the channel name; never null or blank
     * @param type the value type; never null
     * @param <V> the value type
     * @return the channel; never null
     */
    public static <V> Channel<V, V> lastValue(String name, Class<V> type) {
        Objects.requireNonNull(type, "type");
        return new Channel<>(name, ChannelKind.LAST_VALUE, type, type, null, null);
    }

    /**
     * A last-value channel for a generic type, such as {@code Map<String, Integer>}.
     *
     * @param name the channel name; never null or blank
     * @param type the value type; never null
     * @param <V> the value type
     * @return the channel; never null
     */
    public static <V> Channel<V, V> lastValue(String name, TypeReference<V> type) {
        Objects.requireNonNull(type, "type");
        return new Channel<>(name, ChannelKind.LAST_VALUE, type.getType(), type.getType(), null, null);
    }

    /**
     * A channel that folds every write into its value with a binary operator (sum, max, merge). Writes of one step
     * are folded in task order (node name, then task id), so the result never depends on thread timing.
     *
     * @param name the channel name; never null or blank
     * @param type the value type; never null
     * @param reducer combines the current value with one write; never null
     * @param initial the value before any write; never null
     * @param <V> the value type
     * @return the channel; never null
     */
    public static <V> Channel<V, V> reducer(String name, Class<V> type, BinaryOperator<V> reducer, V initial) {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(reducer, "reducer");
        Objects.requireNonNull(initial, "initial");
        return new Channel<>(name, ChannelKind.REDUCER, type, type, reducer, initial);
    }

    /**
     * A list that grows: each write appends one item. Nothing is ever deduplicated, two equal items are two items.
     * A checkpoint stores only the items a step added.
     *
     * @param name the channel name; never null or blank
     * @param itemType the item type; never null
     * @param <E> the item type
     * @return the channel; never null
     */
    public static <E> Channel<List<E>, E> appender(String name, Class<E> itemType) {
        Objects.requireNonNull(itemType, "itemType");
        return new Channel<>(name, ChannelKind.APPENDER, listOf(itemType), itemType, null, List.of());
    }

    /**
     * A list of the values written in the last step; cleared after a step that writes none.
     *
     * @param name the channel name; never null or blank
     * @param itemType the item type; never null
     * @param <E> the item type
     * @return the channel; never null
     */
    public static <E> Channel<List<E>, E> topic(String name, Class<E> itemType) {
        Objects.requireNonNull(itemType, "itemType");
        return new Channel<>(name, ChannelKind.TOPIC, listOf(itemType), itemType, null, List.of());
    }

    /**
     * A value visible to the step after the one that wrote it, then cleared. One writer per step.
     *
     * @param name the channel name; never null or blank
     * @param type the value type; never null
     * @param <V> the value type
     * @return the channel; never null
     */
    public static <V> Channel<V, V> ephemeral(String name, Class<V> type) {
        Objects.requireNonNull(type, "type");
        return new Channel<>(name, ChannelKind.EPHEMERAL, type, type, null, null);
    }

    /**
     * A conversation: a list of messages merged by id. Writing a message with a new id appends it, writing one with
     * a known id replaces it in place, {@link MessageUpdate#remove} removes one and {@link MessageUpdate#removeAll}
     * clears the list. Content is never compared. A checkpoint stores only the step's updates.
     *
     * @param name the channel name; never null or blank
     * @return the channel; never null
     */
    public static Channel<List<Message>, MessageUpdate> messages(String name) {
        return new Channel<>(name, ChannelKind.MESSAGES, listOf(Message.class), MessageUpdate.class, null, List.of());
    }

    /**
     * The channel's name, unique within a graph.
     *
     * @return the name; never null
     */
    public String name() {
        return name;
    }

    /**
     * How writes merge.
     *
     * @return the kind; never null
     */
    public ChannelKind kind() {
        return kind;
    }

    /**
     * The type of the value a node reads.
     *
     * @return the value type; never null
     */
    public Type valueType() {
        return valueType;
    }

    /**
     * The type of one write.
     *
     * @return the update type; never null
     */
    public Type updateType() {
        return updateType;
    }

    /**
     * The binary operator of a {@link ChannelKind#REDUCER} channel.
     *
     * @return the operator, or empty for other kinds; never null
     */
    public Optional<BinaryOperator<V>> reducer() {
        return Optional.ofNullable(reducer);
    }

    /**
     * The value before any write: the initial value of a reducer, an empty list for list channels.
     *
     * @return the initial value, or empty for last-value and ephemeral channels; never null
     */
    public Optional<V> initial() {
        return Optional.ofNullable(initial);
    }

    /**
     * Whether an object can be written to this channel (its class matches the update type).
     *
     * @param update the candidate; never null
     * @return true when it is an instance of the update type
     */
    public boolean accepts(Object update) {
        return updateClass.isInstance(update);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Channel<?, ?> c
                && name.equals(c.name)
                && kind == c.kind
                && valueType.equals(c.valueType)
                && updateType.equals(c.updateType);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, kind, valueType);
    }

    @Override
    public String toString() {
        return "Channel[" + name + ", " + kind + ", " + valueType.getTypeName() + "]";
    }

    private static String validName(String name) {
        Objects.requireNonNull(name, "name");
        if (name.isBlank() || name.startsWith("__")) {
            throw new IllegalArgumentException(
                    "channel name must be non-blank and must not start with '__' (reserved), was '" + name + "'");
        }
        return name;
    }

    private static Type listOf(Class<?> item) {
        return JsonCodec.defaults().mapper().getTypeFactory().constructCollectionType(List.class, item);
    }

    private static Class<?> rawClass(Type type) {
        if (type instanceof Class<?> c) {
            return c.isPrimitive() ? Object.class : c;
        }
        if (type instanceof ParameterizedType p && p.getRawType() instanceof Class<?> c) {
            return c;
        }
        return Object.class;
    }
}
