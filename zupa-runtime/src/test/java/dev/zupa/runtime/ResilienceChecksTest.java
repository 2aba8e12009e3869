package dev.zupa.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zupa.core.llm.ChatModel;
import dev.zupa.core.provider.ProviderErrorKind;
import dev.zupa.core.provider.ProviderException;
import dev.zupa.runtime.resilience.BreakerPolicy;
import dev.zupa.runtime.resilience.BreakerState;
import dev.zupa.runtime.resilience.ProviderRole;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The provider call policy as the agent applies it: retries, their time budget and the circuit breaker. */
class ResilienceChecksTest {

    @Test
    @DisplayName("a timing-out model is not retried past the policy's time budget (not retries × timeout)")
    void timeoutsStopAtTheTimeBudget() {
        var calls = new AtomicInteger();
        ChatModel model = failing(calls, () -> new AgentHarness.Hang().block());
        var policy = AgentHarness.policy(ProviderRole.MODEL)
                .timeout(Duration.ofMillis(300))
                .maxRetries(5)
                .maxElapsed(Duration.ofMillis(450))
                .build();
        try (var h = new AgentHarness(model, b -> b.callPolicy(ProviderRole.MODEL, policy))) {
            h.transport.receiveText("alice", "m1", "hello");
            h.idle();

            assertThat(calls.get()).isEqualTo(2);
            assertThat(h.transport.sentTexts())
                    .containsExactly(Replies.defaults().fallback());
        }
    }

    @Test
    @DisplayName("a retry-after longer than the longest backoff fails the call at once instead of holding the turn")
    void longRetryAfterIsNotWaitedFor() {
        var calls = new AtomicInteger();
        ChatModel model = failing(calls, () -> ProviderException.builder(ProviderErrorKind.RATE_LIMITED, "fake", "429")
                .retryAfter(Duration.ofMinutes(5))
                .build());
        try (var h = new AgentHarness(model, b -> {})) {
            h.transport.receiveText("alice", "m1", "hello");
            h.idle();

            assertThat(calls.get()).isEqualTo(1);
            assertThat(h.transport.sentTexts())
                    .containsExactly(Replies.defaults().fallback());
        }
    }

    @Test
    @DisplayName("terminal errors are not retried and do not open the breaker")
    void terminalErrorsNeitherRetryNorOpenTheBreaker() {
        var calls = new AtomicInteger();
        ChatModel model = failing(calls, () -> AgentHarness.providerError(ProviderErrorKind.BAD_REQUEST));
        var policy = AgentHarness.policy(ProviderRole.MODEL)
                .breaker(new BreakerPolicy(true, 50, 4, 2, Duration.ofSeconds(30), 1))
                .build();
        try (var h = new AgentHarness(model, b -> b.callPolicy(ProviderRole.MODEL, policy))) {
            sendOneByOne(h, 6, "hello ");

            assertThat(calls.get()).isEqualTo(6);
            assertThat(h.agent.breakerStates()).containsEntry("model", BreakerState.CLOSED);
            assertThat(h.events(AgentEvent.BreakerStateChanged.class)).isEmpty();
        }
    }

    @Test
    @DisplayName("an open breaker answers with the fallback without calling the model; the failed turn is in the"
            + " ledger")
    void openBreakerFailsFast() {
        var calls = new AtomicInteger();
        ChatModel model = failing(calls, () -> AgentHarness.providerError(ProviderErrorKind.UNAVAILABLE));
        var policy = AgentHarness.policy(ProviderRole.MODEL)
                .maxRetries(0)
                .breaker(new BreakerPolicy(true, 50, 4, 2, Duration.ofSeconds(30), 1))
                .build();
        try (var h = new AgentHarness(model, b -> b.callPolicy(ProviderRole.MODEL, policy))) {
            sendOneByOne(h, 5, "hello ");

            assertThat(calls.get()).isEqualTo(2);
            assertThat(h.transport.sentTexts())
                    .hasSize(5)
                    .containsOnly(Replies.defaults().fallback());
            assertThat(h.events(AgentEvent.BreakerStateChanged.class))
                    .singleElement()
                    .satisfies(e -> {
                        assertThat(e.provider()).isEqualTo("model");
                        assertThat(e.to()).isEqualTo(BreakerState.OPEN);
                    });
            assertThat(h.ledgerTypes(h.sessionId()))
                    .filteredOn("turn.failed"::equals)
                    .hasSize(5);
        }
    }

    @Test
    @DisplayName("a disabled breaker never opens")
    void disabledBreakerNeverOpens() {
        var calls = new AtomicInteger();
        ChatModel model = failing(calls, () -> AgentHarness.providerError(ProviderErrorKind.UNAVAILABLE));
        var policy = AgentHarness.policy(ProviderRole.MODEL)
                .maxRetries(0)
                .breaker(BreakerPolicy.disabled())
                .build();
        try (var h = new AgentHarness(model, b -> b.callPolicy(ProviderRole.MODEL, policy))) {
            sendOneByOne(h, 12, "hello ");

            assertThat(calls.get()).isEqualTo(12);
            assertThat(h.agent.breakerStates()).containsEntry("model", BreakerState.DISABLED);
        }
    }

    @Test
    @DisplayName("an Error thrown by a provider (a linkage error after a bad upgrade) is answered with the fallback and"
            + " reported, not lost")
    void errorsAreAnsweredAndReported() {
        ChatModel model = request -> {
            throw new NoSuchMethodError("dev.zupa.Missing.method()");
        };
        try (var h = new AgentHarness(model, b -> {})) {
            h.transport.receiveText("alice", "m1", "hello");
            h.idle();

            assertThat(h.transport.sentTexts())
                    .containsExactly(Replies.defaults().fallback());
            assertThat(h.events(AgentEvent.TurnFailed.class)).singleElement().satisfies(e -> assertThat(e.error())
                    .contains("NoSuchMethodError"));
        }
    }

    record NoArgs() {}

    @Test
    @DisplayName("a tool that keeps failing gets its own open breaker: it is not run, and the model reads that it is"
            + " unavailable; other tools and the model are unaffected")
    void failingToolOpensItsOwnBreaker() {
        var runs = new AtomicInteger();
        var broken = dev.zupa.runtime.tool.Tool.of("broken", "always fails", NoArgs.class, (args, context) -> {
            runs.incrementAndGet();
            throw new IllegalStateException("database down");
        });
        var model = dev.zupa.adapters.scripted.ScriptedChatModel.builder()
                .rule(dev.zupa.adapters.scripted.Rule.userMatches("go \\d+").callTool("broken", "{}"))
                .rule(dev.zupa.adapters.scripted.Rule.toolResult("broken").reply("tool said: {result}"))
                .build();
        var policy = AgentHarness.policy(ProviderRole.TOOL)
                .breaker(new BreakerPolicy(true, 50, 4, 2, Duration.ofSeconds(30), 1))
                .build();
        try (var h = new AgentHarness(model, b -> b.tools(broken).callPolicy(ProviderRole.TOOL, policy))) {
            sendOneByOne(h, 4, "go ");

            assertThat(runs.get()).isEqualTo(2);
            assertThat(h.agent.breakerStates())
                    .containsEntry("tool:broken", BreakerState.OPEN)
                    .containsEntry("model", BreakerState.CLOSED);
            assertThat(h.transport.sentTexts().getLast()).contains("unavailable after repeated failures");
            assertThat(h.events(AgentEvent.ProviderCalled.class))
                    .filteredOn(e -> e.provider().equals("tool:broken"))
                    .hasSize(4);
        }
    }

    /** A model that counts its calls and fails each with a fresh error. */
    private static ChatModel failing(AtomicInteger calls, java.util.function.Supplier<RuntimeException> error) {
        return request -> {
            calls.incrementAndGet();
            throw error.get();
        };
    }

    /** Sends messages from one user, each after the previous was answered. */
    private static void sendOneByOne(AgentHarness h, int count, String prefix) {
        for (int i = 0; i < count; i++) {
            h.transport.receiveText("alice", "m" + i, prefix + i);
            h.idle();
        }
    }
}
