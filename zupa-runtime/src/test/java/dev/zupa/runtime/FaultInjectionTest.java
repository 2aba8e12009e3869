package dev.zupa.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zupa.core.llm.ChatModel;
import dev.zupa.core.llm.ChatRequest;
import dev.zupa.core.llm.ChatResponse;
import dev.zupa.core.message.Message;
import dev.zupa.core.provider.ProviderErrorKind;
import dev.zupa.core.provider.ProviderException;
import dev.zupa.runtime.resilience.BreakerPolicy;
import dev.zupa.runtime.resilience.BreakerState;
import dev.zupa.runtime.resilience.ProviderRole;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A model that fails 30% of its calls (429 with retry-after, 500, 503, timeouts) over 1,000 turns, then fails every
 * call for a burst and recovers. Which attempt fails is a pure function of the message and the attempt number, so the
 * set of turns that must end in the fallback is known in advance, whatever order the turns run in.
 */
class FaultInjectionTest {
    private static final int USERS = 100;
    private static final int ROUNDS = 10;
    private static final int FAILURE_PERCENT = 30;
    private static final long SEED = 20261124L;
    private static final String FALLBACK = Replies.defaults().fallback();

    /** The fake provider: fails by a hash of (message, attempt), or every call while {@code down}. */
    private static final class FlakyModel implements ChatModel {
        final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
        final AtomicInteger calls = new AtomicInteger();
        final AtomicBoolean down = new AtomicBoolean();
        final AtomicBoolean flaky = new AtomicBoolean(true);

        @Override
        public ChatResponse complete(ChatRequest request) {
            calls.incrementAndGet();
            var text = lastUserText(request);
            if (down.get()) {
                throw AgentHarness.providerError(ProviderErrorKind.UNAVAILABLE);
            }
            int attempt =
                    attempts.computeIfAbsent(text, k -> new AtomicInteger()).getAndIncrement();
            int fault = fault(text, attempt);
            if (flaky.get() && fault != 0) {
                throw raise(fault);
            }
            return AgentHarness.answer("ok " + text);
        }

        /** The fault of an attempt: 0 none, else 429, 500, 503 or a hang until the timeout. */
        static int fault(String text, int attempt) {
            // a seeded generator per (message, attempt) mixes well, where neighbouring hash codes would not
            int roll = new SplittableRandom(((long) text.hashCode() << 8) ^ attempt ^ SEED).nextInt(100);
            if (roll >= FAILURE_PERCENT) {
                return 0;
            }
            return switch (roll % 4) {
                case 0 -> 429;
                case 1 -> 500;
                case 2 -> 503;
                default -> 408;
            };
        }

        static RuntimeException raise(int fault) {
            return switch (fault) {
                case 429 ->
                    ProviderException.builder(ProviderErrorKind.RATE_LIMITED, "fake", "429 slow down")
                            .status(429)
                            .retryAfter(Duration.ofMillis(2))
                            .build();
                case 500 ->
                    ProviderException.builder(ProviderErrorKind.UNAVAILABLE, "fake", "500 oops")
                            .status(500)
                            .build();
                case 503 ->
                    ProviderException.builder(ProviderErrorKind.OVERLOADED, "fake", "503 overloaded")
                            .status(503)
                            .build();
                default -> hang();
            };
        }

        /** Blocks until the policy's timeout interrupts the call. */
        private static RuntimeException hang() {
            try {
                new CountDownLatch(1).await(20, TimeUnit.SECONDS);
                return new IllegalStateException("the model call was never cancelled");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new IllegalStateException("cancelled", e);
            }
        }

        static boolean mustFail(String text, int maxAttempts) {
            for (int attempt = 0; attempt < maxAttempts; attempt++) {
                if (fault(text, attempt) == 0) {
                    return false;
                }
            }
            return true;
        }

        private static String lastUserText(ChatRequest request) {
            var messages = request.messages();
            for (int i = messages.size() - 1; i >= 0; i--) {
                if (messages.get(i) instanceof Message.User user) {
                    return user.text();
                }
            }
            throw new AssertionError("no user message in " + messages);
        }
    }

    @Test
    @DisplayName("1,000 turns against a model failing 30%: each message gets exactly one reply, the fallback exactly"
            + " when every attempt failed; a burst opens the breaker, which recovers after it")
    void thirtyPercentFaultsThenABurst() {
        var model = new FlakyModel();
        // opens only when every call of the window failed: a burst, never the scattered 30%
        var breaker = new BreakerPolicy(true, 100, 20, 10, Duration.ofSeconds(30), 2);
        var policy = AgentHarness.policy(ProviderRole.MODEL)
                // long enough that a healthy call is never cut short on a loaded machine
                .timeout(Duration.ofMillis(500))
                .maxRetries(2)
                .breaker(breaker)
                .build();
        try (var h = new AgentHarness(model, b -> b.callPolicy(ProviderRole.MODEL, policy)
                .limits(Limits.builder()
                        .messagesPerUserPerMinute(1_000)
                        .maxConcurrentTurns(32)
                        .build()))) {
            var expectedFallbacks = new HashSet<String>();
            for (int round = 0; round < ROUNDS; round++) {
                for (int user = 0; user < USERS; user++) {
                    var text = "r" + round + "u" + user;
                    h.transport.receiveText("user" + user, text, text);
                    if (FlakyModel.mustFail(text, policy.maxRetries() + 1)) {
                        expectedFallbacks.add(text);
                    }
                }
                h.idle();
                // a breaker that opened by chance (failures clustering) is given time to close again
                h.clock.advance(Duration.ofMinutes(1));
            }

            var replies = repliesByUser(h);
            assertThat(replies.values()).allSatisfy(r -> assertThat(r).hasSize(ROUNDS));
            var fallbacks = new HashSet<String>();
            for (int round = 0; round < ROUNDS; round++) {
                for (int user = 0; user < USERS; user++) {
                    var reply = replies.get("user" + user).get(round);
                    var text = "r" + round + "u" + user;
                    if (reply.equals(FALLBACK)) {
                        fallbacks.add(text);
                    } else {
                        assertThat(reply).isEqualTo("ok " + text);
                    }
                }
            }
            assertThat(expectedFallbacks).isNotEmpty();
            assertThat(fallbacks).isEqualTo(expectedFallbacks);
            assertThat(h.events(AgentEvent.TurnFailed.class)).hasSize(expectedFallbacks.size());
            assertThat(h.events(AgentEvent.TurnCompleted.class)).hasSize(ROUNDS * USERS - expectedFallbacks.size());
            assertThat(turnFailedEntries(h)).isEqualTo(expectedFallbacks.size());

            // a burst: the provider is down; the breaker opens and the rest of the burst never reaches it
            model.down.set(true);
            int before = model.calls.get();
            for (int user = 0; user < USERS; user++) {
                h.transport.receiveText("user" + user, "burst" + user, "burst" + user);
            }
            h.idle();
            assertThat(model.calls.get() - before).isLessThan(USERS);
            assertThat(h.agent.breakerStates()).containsEntry("model", BreakerState.OPEN);
            assertThat(repliesByUser(h).values())
                    .allSatisfy(r -> assertThat(r).hasSize(ROUNDS + 1).last().isEqualTo(FALLBACK));

            // the provider is back, and healthy; once the open time has passed, trial calls close the breaker again
            model.flaky.set(false);
            model.down.set(false);
            h.clock.advance(breaker.openFor().plusSeconds(1));
            // the trial calls go first, one at a time; while the breaker is half open it turns away the rest
            for (int user = 0; user < breaker.halfOpenCalls(); user++) {
                h.transport.receiveText("user" + user, "after" + user, "after" + user);
                h.idle();
            }
            assertThat(h.agent.breakerStates()).containsEntry("model", BreakerState.CLOSED);
            for (int user = breaker.halfOpenCalls(); user < USERS; user++) {
                h.transport.receiveText("user" + user, "after" + user, "after" + user);
            }
            h.idle();
            var transitions = h.events(AgentEvent.BreakerStateChanged.class).stream()
                    .map(e -> e.from() + ">" + e.to())
                    .toList();
            assertThat(transitions).containsSubsequence("CLOSED>OPEN", "OPEN>HALF_OPEN", "HALF_OPEN>CLOSED");
            var after = repliesByUser(h);
            for (int user = 0; user < USERS; user++) {
                assertThat(after.get("user" + user)).hasSize(ROUNDS + 2).last().isEqualTo("ok after" + user);
            }
        }
    }

    private static Map<String, List<String>> repliesByUser(AgentHarness h) {
        var replies = new HashMap<String, List<String>>();
        for (var sent : h.transport.sent()) {
            replies.computeIfAbsent(sent.to(), k -> new ArrayList<>())
                    .add(sent.content().text());
        }
        return replies;
    }

    private static long turnFailedEntries(AgentHarness h) {
        Set<String> sessions = new HashSet<>();
        h.events(AgentEvent.SessionStarted.class)
                .forEach(e -> sessions.add(e.sessionId().value()));
        return sessions.stream()
                .flatMap(s -> h.ledger(s).stream())
                .filter(e -> e.type().equals("turn.failed"))
                .count();
    }
}
