package dev.zupa.runtime.management;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Objects;

/**
 * A service level objective for an agent's replies: the share of messages that must be answered within a threshold,
 * such as 99% within 8 seconds. A message counts as answered when its turn's reply is handed to the transport (or, for a
 * turn with nothing to say, when it is closed); a failed turn, an undelivered reply and a message still open past the
 * threshold are misses. See {@link SlaReport}.
 *
 * @param name a short name for reports and dashboards; never blank
 * @param objective the share that must be answered in time, strictly between 0 and 1 ({@code 0.99} for 99%), so that
 *     some error budget exists
 * @param threshold how soon a message must be answered; positive
 * @since 0.1
 */
public record Slo(String name, double objective, Duration threshold) {

    /**
     * Validates the objective.
     *
     * @throws IllegalArgumentException when the name is blank, the objective is not strictly between 0 and 1, or the
     *     threshold is not positive
     */
    public Slo {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(threshold, "threshold");
        if (name.isBlank()) {
            throw new IllegalArgumentException("an SLO needs a name");
        }
        if (!(objective > 0 && objective < 1)) {
            throw new IllegalArgumentException("objective must be strictly between 0 and 1, got " + objective);
        }
        if (threshold.isZero() || threshold.isNegative()) {
            throw new IllegalArgumentException("threshold must be positive, got " + threshold);
        }
    }

    /**
     * The default objective: 99% of messages answered within 8 seconds.
     *
     * @return the objective; never null
     */
    public static Slo defaults() {
        return of(0.99, Duration.ofSeconds(8));
    }

    /**
     * An objective named after its figures, such as {@code "99% answered within PT8S"}.
     *
     * @param objective the share that must be answered in time, strictly between 0 and 1
     * @param threshold how soon; positive
     * @return the objective; never null
     * @throws IllegalArgumentException as the canonical constructor
     */
    public static Slo of(double objective, Duration threshold) {
        Objects.requireNonNull(threshold, "threshold");
        var percent = BigDecimal.valueOf(objective)
                .movePointRight(2)
                .stripTrailingZeros()
                .toPlainString();
        return new Slo(percent + "% answered within " + threshold, objective, threshold);
    }
}
