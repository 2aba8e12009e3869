package dev.zupa.runtime.internal;

import dev.zupa.core.message.ToolCall;
import dev.zupa.core.provider.ProviderErrorKind;
import dev.zupa.core.provider.ProviderException;
import dev.zupa.runtime.AgentEvent;
import dev.zupa.runtime.internal.tool.ToolOutcome;
import dev.zupa.runtime.resilience.BreakerState;
import dev.zupa.runtime.resilience.CallPolicy;
import dev.zupa.runtime.resilience.ProviderRole;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.MDC;

/**
 * Every call to a provider goes through here: a circuit breaker per provider, a timeout that cancels each attempt,
 * and bounded retries of transient errors with exponential backoff and jitter, within the policy's time budget.
 */
final class ProviderCalls {
    /** The code of the error thrown without calling a provider whose breaker is open. */
    static final String CIRCUIT_OPEN = "circuit_open";

    private final Map<ProviderRole, CallPolicy> policies;
    private final Clock clock;
    private final Events events;
    private final ConcurrentHashMap<String, CircuitBreaker> breakers = new ConcurrentHashMap<>();

    ProviderCalls(Map<ProviderRole, CallPolicy> policies, Clock clock, Events events) {
        this.policies = Map.copyOf(policies);
        this.clock = clock;
        this.events = events;
    }

    CallPolicy policy(ProviderRole role) {
        var policy = policies.get(role);
        return policy != null ? policy : CallPolicy.defaults(role);
    }

    /** Calls a provider of a role whose breaker is the role's own. */
    <T> T call(ProviderRole role, String vendor, String what, Callable<T> call) {
        return call(role, role.label(), vendor, what, call);
    }

    /**
     * Calls a provider under the role's policy.
     *
     * @param breakerName the breaker's name, such as {@code model} or {@code tool:lookup}
     * @param vendor the vendor named in errors this class raises
     * @param what the call, for errors and thread names
     */
    <T> T call(ProviderRole role, String breakerName, String vendor, String what, Callable<T> call) {
        var policy = policy(role);
        var breaker = breaker(breakerName, policy);
        long started = System.nanoTime();
        var config = RetryConfig.<T>custom()
                .maxAttempts(policy.maxRetries() + 1)
                .retryOnException(e -> retryable(e, policy, started))
                .intervalBiFunction((attempt, outcome) -> {
                    long base = IntervalFunction.ofExponentialRandomBackoff(
                                    policy.backoff(), 2.0, 0.25, policy.maxBackoff())
                            .apply(attempt);
                    // a provider's retry-after is honoured when it asks for longer than the backoff
                    if (outcome.isLeft() && outcome.getLeft() instanceof ProviderException p) {
                        return p.retryAfter()
                                .map(Duration::toMillis)
                                .filter(ms -> ms > base)
                                .orElse(base);
                    }
                    return base;
                })
                .build();
        var attempts = new java.util.concurrent.atomic.AtomicInteger();
        Callable<T> attempt = () -> attempt(breaker, breakerName, vendor, what, policy.timeout(), call, attempts);
        Optional<ProviderErrorKind> error = Optional.of(ProviderErrorKind.UNAVAILABLE);
        try {
            T result = Retry.of(what, config).executeCallable(attempt);
            error = Optional.empty();
            return result;
        } catch (ProviderException e) {
            error = Optional.of(e.kind());
            throw e;
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(what + " failed: " + e, e);
        } finally {
            var correlationId = MDC.get("correlationId");
            events.emit(new AgentEvent.ProviderCalled(
                    clock.instant(),
                    correlationId == null ? "" : correlationId,
                    breakerName,
                    what,
                    Duration.ofNanos(System.nanoTime() - started),
                    attempts.get(),
                    error));
        }
    }

    /**
     * Runs a tool call under its breaker ({@code tool:<name>}): while the breaker is open the tool is not run and the
     * model reads that it is unavailable. Failures and timeouts count against the tool; a call the model got wrong
     * (unknown tool, invalid arguments) says nothing about the tool's health and is not counted. The tool's own
     * timeout applies (the invoker enforces it); tools are not retried, since they may have side effects.
     */
    ToolOutcome callTool(ToolCall call, java.util.function.Supplier<ToolOutcome> invoke) {
        var name = "tool:" + call.name();
        var breaker = breaker(name, policy(ProviderRole.TOOL));
        if (!breaker.tryAcquirePermission()) {
            var refused = new ToolOutcome(
                    call.id(),
                    call.name(),
                    call.arguments(),
                    "error: tool '" + call.name() + "' is unavailable after repeated failures; try again later",
                    ToolOutcome.Status.FAILED,
                    Duration.ZERO);
            reportTool(name, refused, 0, Optional.of(ProviderErrorKind.UNAVAILABLE));
            return refused;
        }
        var outcome = invoke.get();
        long nanos = outcome.took().toNanos();
        Optional<ProviderErrorKind> error =
                switch (outcome.status()) {
                    case SUCCEEDED -> {
                        breaker.onSuccess(nanos, TimeUnit.NANOSECONDS);
                        yield Optional.empty();
                    }
                    case FAILED, TIMED_OUT -> {
                        var kind = outcome.status() == ToolOutcome.Status.TIMED_OUT
                                ? ProviderErrorKind.TIMEOUT
                                : ProviderErrorKind.UNAVAILABLE;
                        breaker.onError(
                                nanos,
                                TimeUnit.NANOSECONDS,
                                ProviderException.builder(kind, name, outcome.result())
                                        .build());
                        yield Optional.of(kind);
                    }
                    case UNKNOWN_TOOL, INVALID_ARGUMENTS -> {
                        breaker.releasePermission();
                        yield Optional.of(ProviderErrorKind.BAD_REQUEST);
                    }
                };
        reportTool(name, outcome, 1, error);
        return outcome;
    }

    private void reportTool(String name, ToolOutcome outcome, int attempts, Optional<ProviderErrorKind> error) {
        var correlationId = MDC.get("correlationId");
        events.emit(new AgentEvent.ProviderCalled(
                clock.instant(),
                correlationId == null ? "" : correlationId,
                name,
                "tool call",
                outcome.took(),
                attempts,
                error));
    }

    /** The state of every breaker used so far, by name. */
    Map<String, BreakerState> breakerStates() {
        var states = new TreeMap<String, BreakerState>();
        breakers.forEach((name, breaker) -> states.put(name, state(breaker.getState())));
        return states;
    }

    private static <T> T attempt(
            CircuitBreaker breaker,
            String name,
            String vendor,
            String what,
            Duration timeout,
            Callable<T> call,
            java.util.concurrent.atomic.AtomicInteger attempts) {
        if (!breaker.tryAcquirePermission()) {
            throw ProviderException.builder(
                            ProviderErrorKind.UNAVAILABLE,
                            vendor,
                            "the circuit breaker of " + name + " is open after repeated failures; " + what
                                    + " was not tried")
                    .code(CIRCUIT_OPEN)
                    .build();
        }
        attempts.incrementAndGet();
        long start = System.nanoTime();
        try {
            T result = Calls.withTimeout(vendor, what, timeout, call);
            breaker.onSuccess(System.nanoTime() - start, TimeUnit.NANOSECONDS);
            return result;
        } catch (RuntimeException | Error e) {
            breaker.onError(System.nanoTime() - start, TimeUnit.NANOSECONDS, e);
            throw e;
        }
    }

    private static boolean retryable(Throwable e, CallPolicy policy, long startedNanos) {
        if (!(e instanceof ProviderException p) || !p.retryable() || isCircuitOpen(p)) {
            return false;
        }
        if (p.retryAfter()
                .filter(wait -> wait.compareTo(policy.maxBackoff()) > 0)
                .isPresent()) {
            return false;
        }
        return System.nanoTime() - startedNanos < policy.maxElapsed().toNanos();
    }

    static boolean isCircuitOpen(ProviderException e) {
        return e.code().filter(CIRCUIT_OPEN::equals).isPresent();
    }

    private CircuitBreaker breaker(String name, CallPolicy policy) {
        return breakers.computeIfAbsent(name, n -> {
            var settings = policy.breaker();
            var config = CircuitBreakerConfig.custom()
                    .clock(clock)
                    .failureRateThreshold(settings.failureRatePercent())
                    .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                    .slidingWindowSize(settings.windowSize())
                    .minimumNumberOfCalls(settings.minimumCalls())
                    .waitDurationInOpenState(settings.openFor())
                    .permittedNumberOfCallsInHalfOpenState(settings.halfOpenCalls())
                    // only transient failures say something about the provider's health
                    .recordException(e -> e instanceof ProviderException p && p.retryable() && !isCircuitOpen(p))
                    .build();
            var breaker = CircuitBreaker.of(n, config);
            if (!settings.enabled()) {
                breaker.transitionToDisabledState();
            }
            breaker.getEventPublisher()
                    .onStateTransition(t -> events.emit(new AgentEvent.BreakerStateChanged(
                            clock.instant(),
                            n,
                            state(t.getStateTransition().getFromState()),
                            state(t.getStateTransition().getToState()))));
            return breaker;
        });
    }

    private static BreakerState state(CircuitBreaker.State state) {
        return switch (state) {
            case CLOSED -> BreakerState.CLOSED;
            case OPEN, FORCED_OPEN -> BreakerState.OPEN;
            case HALF_OPEN -> BreakerState.HALF_OPEN;
            case DISABLED, METRICS_ONLY -> BreakerState.DISABLED;
        };
    }
}
