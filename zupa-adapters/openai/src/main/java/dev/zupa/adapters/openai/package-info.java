/**
 * OpenAI Chat Completions (and OpenAI-compatible servers) as a Zupa {@link dev.zupa.core.llm.ChatModel}:
 * {@link dev.zupa.adapters.openai.OpenAiChatModel} built in code, or {@link
 * dev.zupa.adapters.openai.OpenAiChatModelFactory} found by {@link java.util.ServiceLoader} under the name {@code
 * openai}.
 */
@NullMarked
package dev.zupa.adapters.openai;

import org.jspecify.annotations.NullMarked;
