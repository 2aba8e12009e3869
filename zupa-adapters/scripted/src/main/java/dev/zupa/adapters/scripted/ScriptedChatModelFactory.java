package dev.zupa.adapters.scripted;

import dev.zupa.core.llm.ChatModel;
import dev.zupa.core.spi.ChatModelFactory;
import dev.zupa.core.spi.ProviderConfig;
import java.util.Objects;

/**
 * Provides the {@value #NAME} chat model: an offline model with a small echo script, so that a demo runs with no
 * key and no network. It greets back, says what it is when asked ("I am an offline scripted model; set
 * OPENAI_API_KEY to use a real one"), and otherwise echoes the user's words. It reads no settings.
 *
 * <p>Thread-safe; registered in {@code META-INF/services/dev.zupa.core.spi.ChatModelFactory}. Write a
 * {@link ScriptedChatModel} by hand for any other script.
 *
 * @since 0.1
 */
public final class ScriptedChatModelFactory implements ChatModelFactory {
    /** The provider name, {@code scripted}. */
    public static final String NAME = "scripted";

    /** What the default script answers when asked what it is. */
    static final String IDENTITY = "I am an offline scripted model; set OPENAI_API_KEY to use a real one.";

    /** Creates the factory; {@link java.util.ServiceLoader} calls this. */
    public ScriptedChatModelFactory() {}

    /**
     * The provider name.
     *
     * @return {@value #NAME}
     */
    @Override
    public String name() {
        return NAME;
    }

    /**
     * Creates a model with the default echo script.
     *
     * @param config ignored, as the model reads no settings; never null
     * @return a new model; never null
     */
    @Override
    public ChatModel create(ProviderConfig config) {
        Objects.requireNonNull(config, "config");
        return ScriptedChatModel.builder()
                .rule(Rule.userMatches("\\b(who|what) are you\\b|\\bare you (a |an )?(bot|robot|human|real|ai)\\b"
                                + "|\\bhelp\\b|\\bapi key\\b")
                        .reply(IDENTITY))
                .rule(Rule.userSays("hello", "hi", "hey", "good morning", "good afternoon", "good evening")
                        .reply("Hello! I am Zupa's offline scripted model. Say anything and I will echo it."))
                .fallback("You said: {user}")
                .build();
    }
}
