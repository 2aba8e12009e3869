package dev.zupa.runtime.internal;

import dev.zupa.core.conversation.Session;
import dev.zupa.core.conversation.User;
import dev.zupa.core.llm.ToolSpec;
import dev.zupa.core.message.Message;
import dev.zupa.core.message.MessageId;
import dev.zupa.engine.Node;
import dev.zupa.engine.NodeContext;
import dev.zupa.runtime.internal.tool.ToolOutcome;
import dev.zupa.runtime.memory.SessionValues;
import dev.zupa.runtime.tool.ToolContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.slf4j.MDC;

/**
 * Runs the tool calls of the model's last answer, in parallel on virtual threads, and adds one tool result per call
 * id, in call order. Every problem (unknown tool, invalid arguments, exception, timeout) becomes a result the model
 * reads; the turn goes on.
 */
final class ToolsNode implements Node {
    private final TurnServices services;

    ToolsNode(TurnServices services) {
        this.services = services;
    }

    @Override
    public void run(NodeContext ctx) throws Exception {
        var turn = TurnServices.turn(ctx);
        var exchange = ctx.state().get(TurnChannels.EXCHANGE);
        var last = (Message.Assistant) exchange.get(exchange.size() - 1);
        var values = services.values(ctx);
        var context = new Context(
                turn.user(),
                turn.session(),
                values,
                turn.correlationId(),
                services.settings.clock().instant());
        var outcomes = new ArrayList<ToolOutcome>();
        var known = services.tools.specs().stream().map(ToolSpec::name).collect(Collectors.toSet());
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            var futures = new ArrayList<Future<ToolOutcome>>();
            for (var call : last.toolCalls()) {
                futures.add(executor.submit(() -> {
                    // the tool's thread and its log lines belong to the turn
                    MDC.put("correlationId", turn.correlationId());
                    try {
                        // a name the model made up gets no breaker of its own: it says nothing about any tool
                        return known.contains(call.name())
                                ? services.calls.callTool(call, () -> services.tools.invoke(call, context))
                                : services.tools.invoke(call, context);
                    } finally {
                        MDC.remove("correlationId");
                    }
                }));
            }
            for (var future : futures) {
                outcomes.add(future.get());
            }
        }
        var next = new ArrayList<>(exchange);
        for (var outcome : outcomes) {
            ctx.record("tool.call", new ToolCallRecord(outcome));
            next.add(new Message.Tool(
                    MessageId.of(turn.correlationId() + "/tool/" + outcome.callId()),
                    outcome.callId(),
                    outcome.result()));
        }
        ctx.write(TurnChannels.EXCHANGE, List.copyOf(next));
        TurnServices.saveValues(ctx, values);
    }

    record ToolCallRecord(String callId, String tool, String arguments, String result, String status, long millis) {
        ToolCallRecord(ToolOutcome outcome) {
            this(
                    outcome.callId(),
                    outcome.toolName(),
                    outcome.arguments(),
                    outcome.result(),
                    outcome.status().name(),
                    outcome.took().toMillis());
        }
    }

    private record Context(User user, Session session, SessionValues values, String correlationId, Instant now)
            implements ToolContext {}
}
