package dev.zupa.engine.internal;

import dev.zupa.core.message.Message;
import dev.zupa.core.message.MessageId;
import dev.zupa.core.message.MessageUpdate;
import dev.zupa.engine.ChannelUpdateException;
import dev.zupa.engine.channel.Channel;
import dev.zupa.engine.channel.ChannelKind;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.function.BinaryOperator;
import org.jspecify.annotations.Nullable;

/** Merges one step's writes into a channel's value, by the channel's kind. Pure functions. */
final class Reducers {
    private Reducers() {}

    /** One write, with the node that made it (for error messages). */
    record Update(String node, Object value) {}

    /** Whether a channel is stored as increments (the step's updates) rather than whole values. */
    static boolean storesDeltas(ChannelKind kind) {
        return kind == ChannelKind.APPENDER || kind == ChannelKind.MESSAGES;
    }

    /** Whether a channel's value lasts only until the end of the step after the one that wrote it. */
    static boolean clearedWhenUnwritten(ChannelKind kind) {
        return kind == ChannelKind.EPHEMERAL || kind == ChannelKind.TOPIC;
    }

    static Object apply(Channel<?, ?> channel, @Nullable Object current, List<Update> updates, long step) {
        return switch (channel.kind()) {
            case LAST_VALUE, EPHEMERAL -> single(channel, updates, step);
            case REDUCER -> fold(channel, current, updates);
            case APPENDER -> append(current, values(updates));
            case TOPIC -> Collections.unmodifiableList(new ArrayList<>(values(updates)));
            case MESSAGES -> merge(channel, current, values(updates));
        };
    }

    /** Re-applies stored increments (appender items or message updates) on top of a value. */
    static Object replay(Channel<?, ?> channel, @Nullable Object current, List<?> delta) {
        return switch (channel.kind()) {
            case APPENDER -> append(current, delta);
            case MESSAGES -> merge(channel, current, delta);
            default -> throw new IllegalStateException("channel " + channel.name() + " is not stored as increments");
        };
    }

    private static Object single(Channel<?, ?> channel, List<Update> updates, long step) {
        if (updates.size() > 1) {
            var writers = updates.stream().map(Update::node).toList();
            throw new ChannelUpdateException("channel '" + channel.name() + "' holds one value, but step " + step
                    + " wrote it " + updates.size() + " times (by " + String.join(" and ", writers)
                    + "); declare it as a reducer or appender channel to merge parallel writes");
        }
        return updates.get(0).value();
    }

    @SuppressWarnings("unchecked")
    private static Object fold(Channel<?, ?> channel, @Nullable Object current, List<Update> updates) {
        var operator = (BinaryOperator<Object>) channel.reducer().orElseThrow();
        Object acc = current != null ? current : channel.initial().orElseThrow();
        for (var update : updates) {
            try {
                acc = operator.apply(acc, update.value());
            } catch (RuntimeException e) {
                throw new ChannelUpdateException("the reducer of channel '" + channel.name()
                        + "' failed on the write of node '" + update.node() + "': " + e);
            }
            if (acc == null) {
                throw new ChannelUpdateException("the reducer of channel '" + channel.name() + "' returned null");
            }
        }
        return Frozen.freeze(acc);
    }

    private static Object append(@Nullable Object current, List<?> items) {
        var base = current == null ? List.of() : (List<?>) current;
        var list = new ArrayList<Object>(base.size() + items.size());
        list.addAll(base);
        list.addAll(items);
        return Collections.unmodifiableList(list);
    }

    private static Object merge(Channel<?, ?> channel, @Nullable Object current, List<?> updates) {
        var byId = new LinkedHashMap<MessageId, Message>();
        if (current != null) {
            for (var message : (List<?>) current) {
                var m = (Message) message;
                byId.put(m.id(), m);
            }
        }
        for (var update : updates) {
            switch ((MessageUpdate) update) {
                case Message m -> byId.put(m.id(), m);
                case MessageUpdate.Remove r -> {
                    if (byId.remove(r.id()) == null) {
                        throw new ChannelUpdateException("cannot remove message " + r.id() + " from channel '"
                                + channel.name() + "': no message has that id");
                    }
                }
                case MessageUpdate.RemoveAll all -> byId.clear();
            }
        }
        return Collections.unmodifiableList(new ArrayList<>(byId.values()));
    }

    private static List<Object> values(List<Update> updates) {
        var values = new ArrayList<Object>(updates.size());
        for (var update : updates) {
            values.add(update.value());
        }
        return values;
    }
}
