package dev.zupa.runtime.resilience;

/**
 * The state of a provider's circuit breaker.
 *
 * @since 0.1
 */
public enum BreakerState {
    /** Calls go through; failures are counted. */
    CLOSED,
    /** Calls fail at once without reaching the provider, until the open time has passed. */
    OPEN,
    /** A few trial calls go through; their outcome closes or opens the breaker again. */
    HALF_OPEN,
    /** The breaker is switched off for this provider; every call goes through. */
    DISABLED
}
