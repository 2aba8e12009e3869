package dev.zupa.runtime.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zupa.core.json.JsonCodec;
import dev.zupa.engine.NodeContext;
import dev.zupa.runtime.internal.reply.ReplySchema;
import dev.zupa.runtime.internal.tool.ToolInvoker;
import dev.zupa.runtime.memory.SessionValues;
import dev.zupa.runtime.reply.StructuredReply;
import dev.zupa.runtime.resilience.ProviderRole;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.MDC;

/** What the turn graph's nodes share: the settings and the helpers built from them once. */
final class TurnServices {
    final AgentSettings settings;
    final JsonCodec codec = JsonCodec.defaults();
    final ObjectMapper mapper = codec.mapper();
    final ToolInvoker tools;
    final Optional<ReplySchema<? extends StructuredReply>> replySchema;
    final ProviderCalls calls;
    final Events events;
    /**
     * Replies the finalize node stored in its turn's ledger entries, by reply id, for the lane to send once the turn
     * is committed without reading them back from the store. The lane takes its turn's entry out whatever the outcome;
     * a turn resumed after a restart finds none and reads the ledger instead.
     */
    final Map<String, OutboxItem> finalized = new ConcurrentHashMap<>();

    TurnServices(AgentSettings settings, Events events) {
        this.settings = settings;
        this.events = events;
        this.calls = new ProviderCalls(settings.callPolicies(), settings.clock(), events);
        this.tools = new ToolInvoker(
                settings.tools(), calls.policy(ProviderRole.TOOL).timeout());
        this.replySchema = settings.replyType().map(ReplySchema::of);
    }

    /** Reads JSON the runtime wrote itself; a failure means a corrupt store, named in the exception. */
    <T> T read(String json, Class<T> type) {
        try {
            return mapper.readValue(json, type);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot read a stored " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    static TurnInput turn(NodeContext ctx) {
        var turn = ctx.state().get(TurnChannels.TURN);
        // nodes run on engine threads; the correlation id follows the turn into their log lines
        MDC.put("correlationId", turn.correlationId());
        return turn;
    }

    MapSessionValues values(NodeContext ctx) {
        return new MapSessionValues(
                mapper, ctx.state().find(TurnChannels.VALUES).orElse(Map.of()));
    }

    static void saveValues(NodeContext ctx, SessionValues values) {
        if (values instanceof MapSessionValues map && map.changed()) {
            ctx.write(TurnChannels.VALUES, map.asMap());
        }
    }
}
