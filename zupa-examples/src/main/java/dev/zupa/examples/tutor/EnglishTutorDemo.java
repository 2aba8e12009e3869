package dev.zupa.examples.tutor;

import dev.zupa.adapters.scripted.ScriptedChatModel;
import dev.zupa.examples.offline.ConsoleDemo;
import java.nio.file.Path;
import java.util.Map;

/**
 * The English tutor on the console: chat to practise, {@code /voicenote <file>} to speak, Ctrl-D to quit.
 *
 * <pre>
 * mvn -B -q -pl zupa-examples -am package -Pdemo -DskipTests -Ddemo.main=dev.zupa.examples.tutor.EnglishTutorDemo
 * </pre>
 *
 * <p>It answers with {@link TutorScript} offline, or with OpenAI when {@code OPENAI_API_KEY} is set and the
 * {@code zupa-adapters-openai} jar is on the class path. Conversations are kept in {@code zupa-data/tutor.db} under
 * the working directory.
 */
public final class EnglishTutorDemo {
    static final Path DATA_FILE = Path.of("zupa-data", "tutor.db");

    private EnglishTutorDemo() {}

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
        var model = ConsoleDemo.chatModel(TutorScript.model(), environment);
        return console.agentName(EnglishTutor.NAME)
                .banner(banner(model instanceof ScriptedChatModel, dataFile))
                .build()
                .run(transport -> EnglishTutor.agent(transport, model, dataFile));
    }

    private static String banner(boolean offline, Path dataFile) {
        return String.join(
                "\n",
                "Zupa English tutor: practise your English on your terminal. Conversations are kept in " + dataFile
                        + ".",
                offline ? "Model: the offline script (set OPENAI_API_KEY for a real one)." : "Model: OpenAI.",
                "Try: hi | yesterday I goed to the park | what does resilient mean? | save cozy = warm and comfortable"
                        + " | my words",
                "Commands: /help lists them all, /words lists your words, /voicenote <file> sends an audio file as a",
                "  voice note (try /voicenote zupa-examples/src/main/resources/samples/practice.ogg).",
                "Ctrl-D (the end of the input) quits.",
                "");
    }
}
