package dev.zupa.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zupa.adapters.scripted.Rule;
import dev.zupa.adapters.scripted.ScriptedChatModel;
import dev.zupa.engine.ThreadId;
import dev.zupa.engine.checkpoint.LedgerEntry;
import dev.zupa.engine.checkpoint.LedgerQuery;
import dev.zupa.runtime.tool.Tool;
import java.util.ArrayList;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** One id per inbound message, on every ledger entry its handling wrote. */
class CorrelationIdTest {
    record City(String city) {}

    @Test
    @DisplayName(
            "every ledger entry of a turn (inbox, model call, tool call, decision, outbox, dedup marks) carries the"
                    + " message's correlation id, and the turn's user as its subject")
    void everyLedgerEntryOfATurnCarriesItsCorrelationId() {
        var weather = Tool.of("weather", "the weather", City.class, (args, context) -> "sunny in " + args.city());
        var model = ScriptedChatModel.builder()
                .rule(Rule.userSays("weather").callTool("weather", "{\"city\": \"Lisbon\"}"))
                .rule(Rule.toolResult("weather").reply("It is {result}"))
                .build();
        try (var h = new AgentHarness(model, b -> b.tools(weather))) {
            h.transport.receiveText("alice", "m1", "weather please");
            h.idle();
            h.transport.receiveText("alice", "m2", "weather again");
            h.idle();

            var received = h.events(AgentEvent.InboundReceived.class);
            assertThat(received).hasSize(2);
            var first = received.get(0).correlationId();
            var entries = new ArrayList<LedgerEntry>();
            entries.addAll(h.store.ledger(LedgerQuery.thread(ThreadId.of(h.sessionId()), 1000)));
            entries.addAll(h.store.ledger(LedgerQuery.thread(ThreadId.of("zupa:inbox"), 1000)));

            var ofFirst = h.store.ledger(
                    LedgerQuery.builder().correlationId(first).limit(1000).build());
            assertThat(ofFirst)
                    .extracting(LedgerEntry::type)
                    .contains(
                            "inbound.received",
                            "model.call",
                            "tool.call",
                            "decision",
                            "outbound.stored",
                            "outbound.sent",
                            "inbound.processed",
                            "inbound.done",
                            "turn.completed",
                            "graph.steps");
            // nothing the two turns wrote is without an id, and each entry belongs to exactly one of them
            assertThat(entries)
                    .allSatisfy(e -> assertThat(e.write().correlationId()).isPresent());
            assertThat(entries.stream()
                            .map(e -> e.write().correlationId().get())
                            .distinct())
                    .containsExactlyInAnyOrder(first, received.get(1).correlationId());
            var user = h.directory.activeSessions(10).get(0).userId().value();
            assertThat(h.store.ledger(
                            LedgerQuery.builder().subject(user).limit(1000).build()))
                    .extracting(LedgerEntry::type)
                    .contains("model.call", "tool.call", "turn.completed");
        }
    }

    @Test
    @DisplayName(
            "every log line of a turn carries its correlation id in the MDC: the lane, engine steps, the model call's"
                    + " thread, a tool's thread, the outbox and a failing send's retries")
    void everyLogLineOfATurnCarriesItsCorrelationId() {
        var providerLog = org.slf4j.LoggerFactory.getLogger("test.provider");
        var toolLog = org.slf4j.LoggerFactory.getLogger("test.tool");
        var weather = Tool.of("weather", "the weather", City.class, (args, context) -> {
            toolLog.info("looking up {}", args.city());
            return "sunny in " + args.city();
        });
        var scripted = ScriptedChatModel.builder()
                .rule(Rule.userSays("weather").callTool("weather", "{\"city\": \"Lisbon\"}"))
                .rule(Rule.toolResult("weather").reply("It is {result}"))
                .build();
        dev.zupa.core.llm.ChatModel model = request -> {
            providerLog.info("model called with {} messages", request.messages().size());
            return scripted.complete(request);
        };
        try (var h = new AgentHarness(model, b -> b.tools(weather))) {
            h.transport.failNextSends(
                    1, AgentHarness.providerError(dev.zupa.core.provider.ProviderErrorKind.UNAVAILABLE));
            dev.zupa.runtime.logging.CapturedLogs.clear();
            h.transport.receiveText("alice", "m1", "weather please");
            h.idle();

            var correlationId =
                    h.events(AgentEvent.InboundReceived.class).get(0).correlationId();
            var lines = dev.zupa.runtime.logging.CapturedLogs.lines();
            assertThat(lines)
                    .extracting(dev.zupa.runtime.logging.CapturedLogs.Line::logger)
                    .contains("test.provider", "test.tool");
            assertThat(lines).allSatisfy(line -> assertThat(line.mdc())
                    .as("MDC of %s on thread %s: %s", line.logger(), line.thread(), line.message())
                    .containsEntry("correlationId", correlationId));
        }
    }
}
