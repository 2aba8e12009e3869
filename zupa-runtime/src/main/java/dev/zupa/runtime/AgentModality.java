package dev.zupa.runtime;

/**
 * How an agent replies, as the agent's own setting; it beats the user's preference.
 *
 * @since 0.1
 */
public enum AgentModality {
    /** Follow the user's preference ({@code /text}, {@code /voice}, {@code /mirror}, {@code /dynamic}). The default. */
    AUTO,
    /** Always text. */
    TEXT,
    /** Always a voice note (falling back to text when speech synthesis or the voice send fails). */
    VOICE
}
