package dev.zupa.runtime;

/**
 * What happens to a message that arrives while the agent runs its maximum number of turns.
 *
 * @since 0.1
 */
public enum OverloadPolicy {
    /** It waits in the durable inbox for a free slot. The default: nothing is lost, the reply comes later. */
    QUEUE,
    /** It is rejected and answered with the overload reply, when one is configured. */
    REJECT
}
