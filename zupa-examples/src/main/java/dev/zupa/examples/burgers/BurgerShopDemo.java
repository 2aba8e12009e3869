package dev.zupa.examples.burgers;

import dev.zupa.adapters.scripted.ScriptedChatModel;
import dev.zupa.examples.offline.ConsoleDemo;
import java.nio.file.Path;
import java.util.Map;

/**
 * The burger shop on the console: type to order, {@code /voicenote <file>} to send a voice note, Ctrl-D to quit.
 *
 * <pre>
 * mvn -B -q -pl zupa-examples -am package -Pdemo -DskipTests
 * printf 'hi\nmenu\nadd 2 cheeseburger\nconfirm\n' | mvn -B -q -pl zupa-examples -am package -Pdemo -DskipTests
 * </pre>
 *
 * <p>It answers with {@link BurgerScript} offline, or with OpenAI when {@code OPENAI_API_KEY} is set and the
 * {@code zupa-adapters-openai} jar is on the class path. Conversations are kept in {@code zupa-data/burgers.db}
 * under the working directory (the project root under Maven), so a conversation goes on where it stopped when the
 * demo is started again; voice replies are saved under {@code zupa-data/voice-replies}.
 */
public final class BurgerShopDemo {
    static final Path DATA_FILE = Path.of("zupa-data", "burgers.db");
    static final String SAMPLE_VOICE_NOTE = "zupa-examples/src/main/resources/samples/order.ogg";

    private BurgerShopDemo() {}

    /**
     * Runs the demo on the terminal until standard input ends.
     *
     * @param args ignored
     * @throws InterruptedException when interrupted while waiting for the last replies
     */
    public static void main(String[] args) throws InterruptedException {
        // Hibernate Validator logs through JBoss Logging, which would print to java.util.logging; route it to SLF4J
        System.setProperty("org.jboss.logging.provider", "slf4j");
        int status = run(ConsoleDemo.builder(), DATA_FILE, System.getenv());
        if (status != 0) {
            System.exit(status);
        }
    }

    static int run(ConsoleDemo.Builder console, Path dataFile, Map<String, String> environment)
            throws InterruptedException {
        var model = ConsoleDemo.chatModel(BurgerScript.model(), environment);
        return console.agentName(BurgerShop.NAME)
                .banner(banner(model instanceof ScriptedChatModel, dataFile))
                .build()
                .run(transport -> BurgerShop.agent(transport, model, dataFile));
    }

    private static String banner(boolean offline, Path dataFile) {
        return String.join(
                "\n",
                "Zupa Burgers: an ordering assistant on your terminal. Conversations are kept in " + dataFile + ".",
                offline ? "Model: the offline script (set OPENAI_API_KEY for a real one)." : "Model: OpenAI.",
                "Try: hi | menu | add 2 cheeseburger | I want 2 classic burgers | what did I order | confirm | bye",
                "Commands: /help lists them all, /order shows your order, /voicenote <file> sends an audio file as a",
                "  voice note (try /voicenote " + SAMPLE_VOICE_NOTE + "), /text or /voice sets how I answer.",
                "Ctrl-D (the end of the input) quits.",
                "");
    }
}
