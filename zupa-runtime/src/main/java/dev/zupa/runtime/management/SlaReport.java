package dev.zupa.runtime.management;

import dev.zupa.engine.checkpoint.CheckpointStore;
import dev.zupa.runtime.management.internal.LedgerSource;
import dev.zupa.runtime.management.internal.SlaCalculator;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How an agent did against a {@link Slo} over a time window, computed from the ledger alone, so it covers every run of
 * the agent on the same store, restarts included.
 *
 * <p>Every message stored in the inbox during the window is one sample, with an {@link Outcome}. Answered, failed and
 * undelivered messages are <em>eligible</em>, as are messages still open longer than the threshold; rejected and
 * duplicate messages are counted but not judged (a rate limit or a redelivery is the agent working as configured), and
 * messages open for less than the threshold are not judged yet. A sample is <em>good</em> when it was answered within
 * the threshold.
 *
 * @param slo the objective judged; never null
 * @param from the start of the window, inclusive; never null
 * @param to the end of the window, exclusive, and the moment open messages are judged at; never null
 * @param outcomes how many messages of the window ended each way; every outcome is present; never null
 * @param eligible how many messages were judged
 * @param good how many of them were answered within the threshold
 * @param attainment the share of good messages in percent, 0 to 100; 100 when nothing was judged
 * @param errorBudget how many misses the objective allows over the eligible messages ({@code (1 - objective) *
 *     eligible})
 * @param errorBudgetRemaining the share of the error budget left: 1 untouched, 0 spent, negative when overspent
 * @param met whether the attainment reaches the objective
 * @param latency the time to answer of the answered messages; never null
 * @param stages the provider and tool stages recorded in the window, slowest (by p95) first; never null
 * @param slowestCalls the slowest single stage calls of the window, slowest first, at most ten; never null
 * @param truncated true when the window held more messages than a report reads (200,000) and only the first were read
 * @since 0.1
 */
public record SlaReport(
        Slo slo,
        Instant from,
        Instant to,
        Map<Outcome, Long> outcomes,
        long eligible,
        long good,
        double attainment,
        double errorBudget,
        double errorBudgetRemaining,
        boolean met,
        Latency latency,
        List<StageStats> stages,
        List<SlowCall> slowestCalls,
        boolean truncated) {

    /** Validates the report and copies its collections. */
    public SlaReport {
        Objects.requireNonNull(slo, "slo");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(latency, "latency");
        outcomes = Map.copyOf(outcomes);
        stages = List.copyOf(stages);
        slowestCalls = List.copyOf(slowestCalls);
    }

    /**
     * Computes the report of a window from a store's ledger. Reads the inbox from its start (the ledger cannot be
     * queried by time yet), then every entry stored since the window's first message.
     *
     * @param store the agent's store; never null
     * @param slo the objective; never null
     * @param from the start of the window, inclusive; never null
     * @param to the end of the window, exclusive; after {@code from}; never null
     * @return the report; never null
     * @throws IllegalArgumentException when {@code to} is not after {@code from}
     * @throws dev.zupa.engine.checkpoint.CheckpointStoreException when the store cannot be read
     */
    public static SlaReport of(CheckpointStore store, Slo slo, Instant from, Instant to) {
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(slo, "slo");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (!to.isAfter(from)) {
            throw new IllegalArgumentException("the window must end after it starts: " + from + " to " + to);
        }
        return new SlaCalculator(LedgerSource.scanning(store), slo, from, to).report();
    }

    /**
     * How many misses are left before the objective is broken.
     *
     * @return the misses left, rounded down; negative when the objective is already broken
     */
    public long missesLeft() {
        return (long) Math.floor(errorBudget - (eligible - good));
    }

    /**
     * How a message of the window ended. This set may grow.
     *
     * @since 0.1
     */
    public enum Outcome {
        /** Its turn's reply was handed to the transport (or the turn had nothing to say). */
        ANSWERED,
        /** Its turn failed and it was answered with the fallback reply. */
        FAILED,
        /** Its turn's reply could not be sent. */
        UNDELIVERED,
        /** Not answered yet, or never: judged a miss once older than the threshold. */
        OPEN,
        /** Not processed: rate limited, overloaded or from a sender the agent does not serve. */
        REJECTED,
        /** Dropped as a redelivery of a message already answered. */
        DUPLICATE
    }

    /**
     * The time to answer of the answered messages, by nearest rank; zero when none was answered.
     *
     * @param p50 the median; never null
     * @param p95 the 95th percentile; never null
     * @param p99 the 99th percentile; never null
     * @param max the slowest; never null
     * @since 0.1
     */
    public record Latency(Duration p50, Duration p95, Duration p99, Duration max) {
        /** Validates the latencies. */
        public Latency {
            Objects.requireNonNull(p50, "p50");
            Objects.requireNonNull(p95, "p95");
            Objects.requireNonNull(p99, "p99");
            Objects.requireNonNull(max, "max");
        }
    }

    /**
     * One stage's calls in the window, from the ledger's {@code model.call}, {@code stt.call} and {@code tool.call}
     * entries.
     *
     * @param stage {@code model}, {@code speech-to-text} or {@code tool:<name>}; never null
     * @param calls how many calls
     * @param errors how many of them failed
     * @param p50 the median duration; never null
     * @param p95 the 95th percentile duration; never null
     * @param max the slowest; never null
     * @since 0.1
     */
    public record StageStats(String stage, long calls, long errors, Duration p50, Duration p95, Duration max) {
        /** Validates the figures. */
        public StageStats {
            Objects.requireNonNull(stage, "stage");
            Objects.requireNonNull(p50, "p50");
            Objects.requireNonNull(p95, "p95");
            Objects.requireNonNull(max, "max");
        }
    }

    /**
     * One slow stage call, to look up in the ledger.
     *
     * @param stage the stage, as in {@link StageStats#stage()}; never null
     * @param correlationId the turn it served, when the ledger tells; never null
     * @param threadId the session thread whose ledger holds it; never null
     * @param sequence its ledger sequence number
     * @param at when it was recorded; never null
     * @param duration how long it took; never null
     * @since 0.1
     */
    public record SlowCall(
            String stage,
            Optional<String> correlationId,
            String threadId,
            long sequence,
            Instant at,
            Duration duration) {
        /** Validates the call. */
        public SlowCall {
            Objects.requireNonNull(stage, "stage");
            Objects.requireNonNull(correlationId, "correlationId");
            Objects.requireNonNull(threadId, "threadId");
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(duration, "duration");
        }
    }
}
