package dev.zupa.runtime.internal;

import dev.zupa.core.llm.ChatRequest;
import dev.zupa.core.llm.ChatResponse;
import dev.zupa.core.llm.ToolSpec;
import dev.zupa.core.message.Message;
import dev.zupa.core.message.MessageId;
import dev.zupa.engine.Node;
import dev.zupa.engine.NodeContext;
import dev.zupa.runtime.AgentEvent;
import dev.zupa.runtime.internal.reply.ReplyParse;
import dev.zupa.runtime.resilience.ProviderRole;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Calls the model with the system prompt, the bounded working memory, the user's text and this turn's tool rounds.
 * Tool calls go to the tools node (up to the round cap); a structured reply that fails validation gets one
 * corrective re-ask; the answer goes to the finalize node.
 */
final class ModelNode implements Node {
    private final TurnServices services;

    ModelNode(TurnServices services) {
        this.services = services;
    }

    @Override
    public void run(NodeContext ctx) {
        var turn = TurnServices.turn(ctx);
        var exchange = ctx.state().find(TurnChannels.EXCHANGE).orElse(List.of());
        var messages = messages(ctx, turn, exchange);
        int rounds = (int) exchange.stream()
                .filter(m -> m instanceof Message.Assistant a && !a.toolCalls().isEmpty())
                .count();
        boolean toolsAllowed = rounds < services.settings.limits().maxToolRounds();
        var response = call(ctx, turn, messages, toolsAllowed);
        var answer = response.message();
        if (!answer.toolCalls().isEmpty()) {
            if (!toolsAllowed) {
                throw new IllegalStateException("the model still asked for tools after "
                        + services.settings.limits().maxToolRounds() + " tool rounds without them; giving up");
            }
            var next = new ArrayList<>(exchange);
            next.add(answer);
            ctx.write(TurnChannels.EXCHANGE, List.copyOf(next));
            ctx.goTo(TurnGraph.TOOLS);
            return;
        }
        ctx.write(TurnChannels.REPLY, reply(ctx, turn, messages, answer));
        ctx.goTo(TurnGraph.FINALIZE);
    }

    private List<Message> messages(NodeContext ctx, TurnInput turn, List<Message> exchange) {
        var messages = new ArrayList<Message>();
        messages.add(new Message.System(
                MessageId.of(turn.correlationId() + "/system"), ctx.state().get(TurnChannels.SYSTEM_PROMPT)));
        var memory = ctx.state().find(TurnChannels.MEMORY).orElse(List.of());
        int keep = services.settings.limits().maxWorkingMemory();
        messages.addAll(memory.subList(Math.max(0, memory.size() - keep), memory.size()));
        var text = ctx.state().find(TurnChannels.USER_TEXT).orElse("");
        messages.add(new Message.User(
                MessageId.of(turn.correlationId() + "/user"),
                text.isBlank()
                        ? "(the user sent a message without text, or a voice note that could not be heard)"
                        : text));
        messages.addAll(exchange);
        return messages;
    }

    private ReplyDraft reply(NodeContext ctx, TurnInput turn, List<Message> messages, Message.Assistant answer) {
        if (services.replySchema.isEmpty()) {
            return new ReplyDraft(answer.text().strip(), Optional.empty(), Optional.empty(), Optional.empty(), false);
        }
        var schema = services.replySchema.get();
        var parsed = schema.parse(answer.text());
        if (parsed instanceof ReplyParse.Invalid<?> invalid) {
            ctx.record("reply.invalid", invalid.problems());
            var retry = new ArrayList<>(messages);
            retry.add(answer);
            retry.add(new Message.User(
                    MessageId.of(turn.correlationId() + "/correction"),
                    "Your last answer did not match the required JSON schema: " + String.join("; ", invalid.problems())
                            + ". Answer again with only JSON that matches the schema."));
            var second = call(ctx, turn, retry, false).message();
            parsed = schema.parse(second.text());
            if (parsed instanceof ReplyParse.Invalid<?> again) {
                ctx.record("reply.invalid", again.problems());
                throw new IllegalStateException(
                        "the model's structured reply was invalid twice: " + String.join("; ", again.problems()));
            }
            answer = second;
        }
        var value = ((ReplyParse.Valid<?>) parsed).value();
        return new ReplyDraft(
                value.reply().strip(),
                value.modality(),
                value.sessionEnded() ? Optional.of(SessionEnds.BY_AGENT) : Optional.empty(),
                Optional.of(services.mapper.valueToTree(value).toString()),
                false);
    }

    record ModelCallRecord(
            String model, long inputTokens, long outputTokens, long millis, String finishReason, int toolCalls) {}

    /**
     * A piece of the model's answer as it is produced: an engine custom event for whoever streams the run, and an
     * agent event for listeners (a chat UI). A retried call streams again from its start.
     */
    private void streamed(NodeContext ctx, TurnInput turn, String token) {
        ctx.emit("model.token", token);
        services.events.emit(new AgentEvent.ModelToken(
                services.settings.clock().instant(),
                turn.correlationId(),
                turn.session().id(),
                token));
    }

    private ChatResponse call(NodeContext ctx, TurnInput turn, List<Message> messages, boolean withTools) {
        var settings = services.settings;
        var request = ChatRequest.builder().messages(messages).metadata("correlationId", turn.correlationId());
        if (withTools) {
            for (ToolSpec spec : services.tools.specs()) {
                request.tool(spec);
            }
        }
        services.replySchema.ifPresent(s -> request.responseSchema(s.responseSchema()));
        var built = request.build();
        long start = System.nanoTime();
        var response = services.calls.call(
                ProviderRole.MODEL,
                "model",
                "model call",
                () -> settings.streamTokens()
                        ? settings.model().stream(built, token -> streamed(ctx, turn, token))
                        : settings.model().complete(built));
        ctx.record(
                "model.call",
                new ModelCallRecord(
                        response.model(),
                        response.usage().inputTokens(),
                        response.usage().outputTokens(),
                        (System.nanoTime() - start) / 1_000_000,
                        response.finishReason().name(),
                        response.message().toolCalls().size()));
        return response;
    }
}
