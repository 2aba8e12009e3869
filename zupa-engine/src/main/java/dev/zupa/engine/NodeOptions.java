package dev.zupa.engine;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Per-node settings: retry policy, timeout per attempt, and the nodes it may route to with
 * {@link NodeContext#goTo} or {@link NodeContext#send} (declared so that the graph can be validated and drawn).
 *
 * @param retry the retry policy; never null
 * @param timeout the longest one attempt may run, or empty for no limit; never null
 * @param destinations the nodes the node may route to by command; never null
 * @since 0.1
 */
public record NodeOptions(RetryPolicy retry, Optional<Duration> timeout, Set<String> destinations) {
    /** Validates the components. */
    public NodeOptions {
        Objects.requireNonNull(retry, "retry");
        Objects.requireNonNull(timeout, "timeout");
        timeout.ifPresent(t -> {
            if (t.isZero() || t.isNegative()) {
                throw new IllegalArgumentException("timeout must be positive, was " + t);
            }
        });
        destinations = Set.copyOf(destinations);
    }

    /**
     * No retry, no timeout, no command destinations.
     *
     * @return the defaults; never null
     */
    public static NodeOptions defaults() {
        return new NodeOptions(RetryPolicy.none(), Optional.empty(), Set.of());
    }

    /**
     * A copy with a retry policy.
     *
     * @param policy the policy; never null
     * @return the new options; never null
     */
    public NodeOptions retry(RetryPolicy policy) {
        return new NodeOptions(policy, timeout, destinations);
    }

    /**
     * A copy with a timeout per attempt; a timed-out attempt is interrupted and fails with
     * {@link NodeTimeoutException}, which the retry policy may retry.
     *
     * @param limit the timeout; never null, positive
     * @return the new options; never null
     */
    public NodeOptions timeout(Duration limit) {
        return new NodeOptions(retry, Optional.of(Objects.requireNonNull(limit, "limit")), destinations);
    }

    /**
     * A copy that declares the nodes this node may route to by {@code goTo} or {@code send}.
     *
     * @param nodes node names; never null
     * @return the new options; never null
     */
    public NodeOptions destinations(String... nodes) {
        var all = new LinkedHashSet<>(destinations);
        for (var node : nodes) {
            all.add(Objects.requireNonNull(node, "node"));
        }
        return new NodeOptions(retry, timeout, all);
    }
}
