/**
 * How the agent calls its providers (the model, speech-to-text, text-to-speech, the transport, tools): a timeout that
 * cancels each attempt, bounded retries with exponential backoff and jitter for transient errors only, and a circuit
 * breaker per provider. Configured per {@link dev.zupa.runtime.resilience.ProviderRole} with a
 * {@link dev.zupa.runtime.resilience.CallPolicy}.
 */
@NullMarked
package dev.zupa.runtime.resilience;

import org.jspecify.annotations.NullMarked;
