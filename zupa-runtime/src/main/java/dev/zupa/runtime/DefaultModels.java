package dev.zupa.runtime;

import dev.zupa.core.ZupaConfigurationException;
import dev.zupa.core.llm.ChatModel;
import dev.zupa.core.spi.ChatModelFactory;
import dev.zupa.core.spi.ProviderConfig;
import dev.zupa.core.spi.ProviderFactory;
import java.util.Optional;

/** Finds the chat model when the builder was given none: {@code ZUPA_LLM}, then OpenAI with a key, then scripted. */
final class DefaultModels {
    private DefaultModels() {}

    static ChatModel find() {
        var factories = ProviderFactory.available(ChatModelFactory.class);
        var chosen = Optional.ofNullable(System.getenv("ZUPA_LLM"))
                .filter(n -> !n.isBlank())
                .orElseGet(() -> {
                    var key = System.getenv("OPENAI_API_KEY");
                    return key != null && !key.isBlank() && factories.containsKey("openai") ? "openai" : "scripted";
                });
        var factory = factories.get(chosen);
        if (factory == null) {
            throw new ZupaConfigurationException("no chat model named '" + chosen + "' on the class path (found "
                    + factories.keySet() + "); pass one with Agent.builder().chatModel(...) or add its adapter, such as"
                    + " dev.zupa:zupa-adapters-" + chosen);
        }
        return factory.create(ProviderConfig.empty());
    }
}
