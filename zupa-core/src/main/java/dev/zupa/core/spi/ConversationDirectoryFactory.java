package dev.zupa.core.spi;

import dev.zupa.core.conversation.ConversationDirectory;

/**
 * Creates a conversation directory (`sqlite`, `memory`) by name. Adapters register it in
 * {@code META-INF/services/dev.zupa.core.spi.ConversationDirectoryFactory}.
 *
 * @since 0.1
 */
public interface ConversationDirectoryFactory extends ProviderFactory<ConversationDirectory> {}
