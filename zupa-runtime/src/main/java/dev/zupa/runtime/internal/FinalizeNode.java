package dev.zupa.runtime.internal;

import dev.zupa.core.conversation.Modality;
import dev.zupa.core.message.Message;
import dev.zupa.core.message.MessageId;
import dev.zupa.core.message.MessageUpdate;
import dev.zupa.engine.Node;
import dev.zupa.engine.NodeContext;
import java.util.List;
import java.util.Optional;

/**
 * Ends a turn in one step, so that all of it is stored together with the step's checkpoint: the reply in the outbox
 * (with the modality it will be sent in), the working memory, and the marks that make the turn's messages processed
 * exactly once.
 */
final class FinalizeNode implements Node {
    private final TurnServices services;

    FinalizeNode(TurnServices services) {
        this.services = services;
    }

    record DecisionRecord(String modality, String reason) {}

    record TurnRecord(List<String> messageIds, String reply, boolean command) {}

    @Override
    public void run(NodeContext ctx) {
        var turn = TurnServices.turn(ctx);
        var settings = services.settings;
        var draft = ctx.state().get(TurnChannels.REPLY);
        var userText = ctx.state().find(TurnChannels.USER_TEXT).orElse("");
        if (!draft.text().isBlank()) {
            var input = ctx.state().find(TurnChannels.INPUT_MODALITY).orElse(Modality.TEXT);
            var decision = draft.command()
                    ? new Modalities.Decision(Modality.TEXT, "command")
                    : Modalities.decide(
                            settings.modality(),
                            turn.user().preference(),
                            input,
                            draft.modality(),
                            settings.modalityExtractor(),
                            userText,
                            draft.text());
            if (decision.modality() == Modality.VOICE && settings.textToSpeech().isEmpty()) {
                decision = new Modalities.Decision(Modality.TEXT, decision.reason() + ", but no text-to-speech");
            }
            ctx.record("decision", new DecisionRecord(decision.modality().name(), decision.reason()));
            var item = new OutboxItem(
                    turn.replyId(),
                    turn.correlationId(),
                    Optional.of(turn.session().id().value()),
                    turn.messages().get(0).transport(),
                    turn.replyTo(),
                    draft.text(),
                    decision.modality(),
                    draft.sessionEnd(),
                    draft.structured());
            ctx.record(Ledger.OUTBOUND_STORED, item.outboxId(), item);
            services.finalized.put(item.outboxId(), item);
        }
        if (!draft.command()) {
            remember(ctx, turn, userText, draft.text());
        }
        for (int i = 0; i < turn.messages().size(); i++) {
            ctx.record(Ledger.INBOUND_PROCESSED, turn.messages().get(i).dedupKey(), turn.correlationId());
            ctx.record(Ledger.INBOUND_DONE, turn.receivedKeys().get(i), "processed");
        }
        ctx.record(
                "turn.completed",
                new TurnRecord(
                        turn.messages().stream().map(m -> m.messageId()).toList(), draft.text(), draft.command()));
    }

    private void remember(NodeContext ctx, TurnInput turn, String userText, String reply) {
        var memory = ctx.state().find(TurnChannels.MEMORY).orElse(List.of());
        int max = services.settings.limits().maxWorkingMemory();
        int overflow = memory.size() + 2 - max;
        for (int i = 0; i < overflow && i < memory.size(); i++) {
            ctx.write(
                    TurnChannels.MEMORY, new MessageUpdate.Remove(memory.get(i).id()));
        }
        ctx.write(TurnChannels.MEMORY, new Message.User(MessageId.of(turn.correlationId() + "/user"), userText));
        ctx.write(
                TurnChannels.MEMORY,
                new Message.Assistant(MessageId.of(turn.correlationId() + "/assistant"), reply, List.of()));
    }
}
