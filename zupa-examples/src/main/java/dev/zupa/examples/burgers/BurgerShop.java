package dev.zupa.examples.burgers;

import dev.zupa.core.llm.ChatModel;
import dev.zupa.core.transport.Transport;
import dev.zupa.examples.offline.FakeSpeechToText;
import dev.zupa.examples.offline.FakeTextToSpeech;
import dev.zupa.runtime.Agent;
import dev.zupa.runtime.command.Command;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The burger shop's agent: an ordering assistant with four tools ({@code list_menu}, {@code add_to_order},
 * {@code show_order}, {@code confirm_order}) that keep the order in the session's values, {@link BurgerReply}
 * structured replies, and an {@code /order} command that shows the order without asking the model.
 *
 * <pre>{@code
 * try (var agent = BurgerShop.agent(transport, BurgerScript.model(), Path.of("zupa-data", "burgers.db"))) {
 *     agent.start();
 *     ...
 * }
 * }</pre>
 *
 * <p>Voice notes are transcribed and replies spoken by the examples' fakes ({@link FakeSpeechToText},
 * {@link FakeTextToSpeech}); set real providers on the {@link #builder} to replace them.
 *
 * @since 0.1
 */
public final class BurgerShop {
    /** The agent's name: the label of its replies and its thread names. */
    public static final String NAME = "burgers";

    static final String INSTRUCTIONS = """
            You are the ordering assistant of Zupa Burgers, talking with {{user.name}}.
            Use list_menu for the menu and prices, add_to_order once for each dish the customer asks for, \
            show_order when they ask what they ordered, and confirm_order only when they say the order is complete.
            Never invent dishes or prices. Keep replies short and friendly.
            Set orderConfirmed to true only in the reply that gives the order number. Set sessionEnded to true in that \
            reply too, and when the customer says goodbye.""";

    private BurgerShop() {}

    /**
     * The shop's agent, configured and ready to start.
     *
     * @param transport where the customers write from; never null
     * @param model the chat model, such as {@link BurgerScript#model()}; never null
     * @param dataFile the SQLite file of the conversations, created when missing; never null
     * @return the agent, not started; never null
     */
    public static Agent agent(Transport transport, ChatModel model, Path dataFile) {
        return builder(transport, model, dataFile).build();
    }

    /**
     * The shop's agent as a builder, for changing it before it is built (a clock, ids, real speech providers).
     *
     * @param transport where the customers write from; never null
     * @param model the chat model, such as {@link BurgerScript#model()}; never null
     * @param dataFile the SQLite file of the conversations, created when missing; never null
     * @return a builder with everything set; never null
     */
    public static Agent.Builder builder(Transport transport, ChatModel model, Path dataFile) {
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(dataFile, "dataFile");
        return Agent.builder()
                .name(NAME)
                .instructions(INSTRUCTIONS)
                .language("en")
                .tools(OrderTools.all())
                .replyType(BurgerReply.class)
                .command(Command.of(
                        "order",
                        "show your order so far",
                        (arguments, context) -> OrderTools.show(OrderTools.order(context.values()))))
                .speechToText(new FakeSpeechToText())
                .textToSpeech(new FakeTextToSpeech())
                .chatModel(model)
                .transport(transport)
                .dataFile(dataFile);
    }
}
