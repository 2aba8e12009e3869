package dev.zupa.core.spi;

import dev.zupa.core.llm.ChatModel;

/**
 * Creates a language model (`openai`, `anthropic`, `scripted`) by name. Adapters register it in {@code META-INF/services/dev.zupa.core.spi.ChatModelFactory}.
 *
 * @since 0.1
 */
public interface ChatModelFactory extends ProviderFactory<ChatModel> {}
