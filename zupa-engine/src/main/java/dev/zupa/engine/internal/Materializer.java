package dev.zupa.engine.internal;

import com.fasterxml.jackson.databind.JavaType;
import dev.zupa.engine.channel.Channel;
import dev.zupa.engine.checkpoint.ChannelBlob;
import dev.zupa.engine.checkpoint.CheckpointStoreException;
import dev.zupa.engine.checkpoint.StoredCheckpoint;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Turns channel values into blobs and blob chains back into values, with the graph's channel types. */
final class Materializer {
    private final GraphDefinition definition;

    Materializer(GraphDefinition definition) {
        this.definition = definition;
    }

    byte[] encodeValue(Channel<?, ?> channel, Object value) {
        return definition.codec().encode(value, definition.codec().type(channel.valueType()));
    }

    byte[] encodeDelta(Channel<?, ?> channel, List<Object> updates) {
        return definition.codec().encode(updates, deltaType(channel));
    }

    /** The values of a stored checkpoint; channels this graph does not declare are skipped. */
    Map<String, Object> values(StoredCheckpoint stored) {
        var values = new HashMap<String, Object>();
        stored.channels().forEach((name, chain) -> {
            var channel = definition.channels().get(name);
            if (channel != null) {
                values.put(name, read(stored, channel, chain));
            }
        });
        return values;
    }

    private Object read(StoredCheckpoint stored, Channel<?, ?> channel, List<ChannelBlob> chain) {
        try {
            Object value = null;
            // increments are replayed in one pass: replaying them blob by blob would copy the whole list once per
            // blob, which makes loading a long conversation quadratic in its length
            var increments = new ArrayList<Object>();
            boolean incremental = false;
            for (var blob : chain) {
                if (blob.kind() == ChannelBlob.Kind.FULL) {
                    value = definition
                            .codec()
                            .decode(blob.data(), definition.codec().type(channel.valueType()));
                    increments.clear();
                    incremental = false;
                } else {
                    List<?> delta = definition.codec().decode(blob.data(), deltaType(channel));
                    increments.addAll(delta);
                    incremental = true;
                }
            }
            if (incremental) {
                value = Reducers.replay(channel, value, increments);
            }
            if (value == null) {
                throw new IllegalStateException("the stored value is null");
            }
            return Frozen.freeze(value);
        } catch (RuntimeException e) {
            var checkpoint = stored.checkpoint();
            throw new CheckpointStoreException(
                    "cannot read channel '" + channel.name() + "' of checkpoint "
                            + checkpoint.id() + " of thread " + checkpoint.threadId() + " as "
                            + channel.valueType().getTypeName() + ": " + e.getMessage(),
                    e);
        }
    }

    private JavaType deltaType(Channel<?, ?> channel) {
        var codec = definition.codec();
        return codec.mapper().getTypeFactory().constructCollectionType(List.class, codec.type(channel.updateType()));
    }
}
