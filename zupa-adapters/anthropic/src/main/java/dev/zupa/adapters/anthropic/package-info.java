/**
 * Anthropic's Messages API as a Zupa {@link dev.zupa.core.llm.ChatModel}: {@link
 * dev.zupa.adapters.anthropic.AnthropicChatModel} built in code, or {@link
 * dev.zupa.adapters.anthropic.AnthropicChatModelFactory} found by {@link java.util.ServiceLoader} under the name
 * {@code anthropic}.
 */
@NullMarked
package dev.zupa.adapters.anthropic;

import org.jspecify.annotations.NullMarked;
