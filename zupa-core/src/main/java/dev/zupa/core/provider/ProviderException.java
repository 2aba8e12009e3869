package dev.zupa.core.provider;

import dev.zupa.core.ZupaException;
import java.io.Serial;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A provider call failed. Carries what a retry policy, a circuit breaker and an operator need: the
 * {@link ProviderErrorKind kind} (transient or terminal), the vendor, the HTTP status, the vendor's error code, the
 * request id the vendor assigned, and how long the vendor asked to wait.
 *
 * <p>Messages never contain credentials. Adapters may subclass it; the root is deliberately not final.
 *
 * @since 0.1
 */
public class ProviderException extends ZupaException {
    @Serial
    private static final long serialVersionUID = 1L;

    /** What went wrong. */
    private final ProviderErrorKind kind;
    /** The vendor, such as {@code openai}. */
    private final String vendor;
    /** The HTTP status, or 0 when there was none. */
    private final int status;
    /** The vendor's error code, or null. */
    private final @Nullable String code;
    /** The vendor's request id, or null. */
    private final @Nullable String requestId;
    /** How long the vendor asked to wait, or null. */
    private final @Nullable Duration retryAfter;

    private ProviderException(Builder builder) {
        super(builder.message(), builder.cause);
        this.kind = builder.kind;
        this.vendor = builder.vendor;
        this.status = builder.status;
        this.code = builder.code;
        this.requestId = builder.requestId;
        this.retryAfter = builder.retryAfter;
    }

    /**
     * Starts an exception of a kind from a vendor.
     *
     * @param kind what went wrong; never null
     * @param vendor the vendor's provider name, such as {@code openai}; never null
     * @param message what happened, without credentials; never null
     * @return a builder; never null
     */
    public static Builder builder(ProviderErrorKind kind, String vendor, String message) {
        return new Builder(kind, vendor, message);
    }

    /**
     * What went wrong.
     *
     * @return the kind; never null
     */
    public ProviderErrorKind kind() {
        return kind;
    }

    /**
     * Whether trying the call again may succeed.
     *
     * @return {@code kind().isTransient()}
     */
    public boolean retryable() {
        return kind.isTransient();
    }

    /**
     * The vendor's provider name.
     *
     * @return the vendor; never null
     */
    public String vendor() {
        return vendor;
    }

    /**
     * The HTTP status of the failed call.
     *
     * @return the status, or empty when no response arrived; never null
     */
    public Optional<Integer> status() {
        return status == 0 ? Optional.empty() : Optional.of(status);
    }

    /**
     * The vendor's own error code ({@code rate_limit_exceeded}, {@code 131047}, …).
     *
     * @return the code, if the vendor gave one; never null
     */
    public Optional<String> code() {
        return Optional.ofNullable(code);
    }

    /**
     * The id the vendor gave the request, for its support.
     *
     * @return the request id, if known; never null
     */
    public Optional<String> requestId() {
        return Optional.ofNullable(requestId);
    }

    /**
     * How long the vendor asked to wait before trying again ({@code retry-after}).
     *
     * @return the wait, if the vendor gave one; never null
     */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /** Builds a {@link ProviderException}; not thread-safe. */
    public static final class Builder {
        private final ProviderErrorKind kind;
        private final String vendor;
        private final String message;
        private int status;
        private @Nullable String code;
        private @Nullable String requestId;
        private @Nullable Duration retryAfter;
        private @Nullable Throwable cause;

        private Builder(ProviderErrorKind kind, String vendor, String message) {
            this.kind = Objects.requireNonNull(kind, "kind");
            this.vendor = Objects.requireNonNull(vendor, "vendor");
            this.message = Objects.requireNonNull(message, "message");
        }

        /**
         * The HTTP status.
         *
         * @param value a status from 100 to 599
         * @return this builder
         */
        public Builder status(int value) {
            if (value < 100 || value > 599) {
                throw new IllegalArgumentException("status must be an HTTP status (100-599), was " + value);
            }
            this.status = value;
            return this;
        }

        /**
         * The vendor's error code.
         *
         * @param value the code; never null
         * @return this builder
         */
        public Builder code(String value) {
            this.code = Objects.requireNonNull(value, "code");
            return this;
        }

        /**
         * The vendor's request id.
         *
         * @param value the id; never null
         * @return this builder
         */
        public Builder requestId(String value) {
            this.requestId = Objects.requireNonNull(value, "requestId");
            return this;
        }

        /**
         * How long the vendor asked to wait.
         *
         * @param value the wait; never null, not negative
         * @return this builder
         */
        public Builder retryAfter(Duration value) {
            Objects.requireNonNull(value, "retryAfter");
            if (value.isNegative()) {
                throw new IllegalArgumentException("retryAfter must not be negative, was " + value);
            }
            this.retryAfter = value;
            return this;
        }

        /**
         * The underlying failure.
         *
         * @param value the cause; never null
         * @return this builder
         */
        public Builder cause(Throwable value) {
            this.cause = Objects.requireNonNull(value, "cause");
            return this;
        }

        /**
         * Builds the exception.
         *
         * @return the exception; never null
         */
        public ProviderException build() {
            return new ProviderException(this);
        }

        private String message() {
            var text = new StringBuilder(vendor).append(' ').append(kind.name().toLowerCase(java.util.Locale.ROOT));
            if (status != 0) {
                text.append(" (HTTP ")
                        .append(status)
                        .append(code == null ? "" : ", " + code)
                        .append(')');
            } else if (code != null) {
                text.append(" (").append(code).append(')');
            }
            text.append(": ").append(message);
            if (requestId != null) {
                text.append(" [request ").append(requestId).append(']');
            }
            return text.toString();
        }
    }
}
