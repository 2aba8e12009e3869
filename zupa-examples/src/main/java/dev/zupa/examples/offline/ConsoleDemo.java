package dev.zupa.examples.offline;

import dev.zupa.adapters.console.ConsoleTransport;
import dev.zupa.core.llm.ChatModel;
import dev.zupa.core.spi.ChatModelFactory;
import dev.zupa.core.spi.ProviderConfig;
import dev.zupa.core.spi.ProviderFactory;
import dev.zupa.core.transport.Transport;
import dev.zupa.runtime.Agent;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Runs an agent on the terminal until the input ends: a {@link ConsoleTransport} reads the user's lines (and
 * {@code /voicenote <file>} voice notes), the agent answers, and when the input is over (Ctrl-D, or the end of a
 * piped file) the demo waits for the last replies and closes the agent.
 *
 * <pre>{@code
 * int status = ConsoleDemo.builder()
 *         .agentName("burgers")
 *         .banner("Welcome to the burger shop. Ctrl-D quits.")
 *         .build()
 *         .run(transport -> BurgerShop.agent(transport, model, Path.of("zupa-data", "burgers.db")));
 * }</pre>
 *
 * <p>Lines are handed to the agent one at a time: the next line is read once the agent has answered the last one,
 * so a piped script reads like a conversation instead of one burst of double texts. With {@link Builder#echoInput},
 * each line is printed as {@code > line} before the reply, which makes a piped conversation readable.
 *
 * <p>Immutable; {@link #run} may be called once per input stream.
 *
 * @since 0.1
 */
public final class ConsoleDemo {
    private final String agentName;
    private final String banner;
    private final InputStream input;
    private final PrintStream output;
    private final boolean echoInput;
    private final String userName;
    private final Path voiceDirectory;
    private final Duration replyTimeout;

    private ConsoleDemo(Builder builder) {
        this.agentName = builder.agentName;
        this.banner = builder.banner;
        this.input = builder.input;
        this.output = builder.output;
        this.echoInput = builder.echoInput;
        this.userName = builder.userName;
        this.voiceDirectory = builder.voiceDirectory;
        this.replyTimeout = builder.replyTimeout;
    }

    /**
     * Starts a demo on {@code System.in} and {@code System.out}, echoing the input when it is not a terminal.
     *
     * @return a builder; never null
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The chat model a demo should use: OpenAI when {@code OPENAI_API_KEY} is set (and the
     * {@code zupa-adapters-openai} jar is on the class path, as it is in this module), otherwise the offline model.
     *
     * @param offline the scripted model to use without a key; never null
     * @param environment the environment variables, usually {@link System#getenv()}; never null
     * @return the model; never null
     */
    public static ChatModel chatModel(ChatModel offline, Map<String, String> environment) {
        Objects.requireNonNull(offline, "offline");
        var key = Objects.requireNonNull(environment, "environment").get("OPENAI_API_KEY");
        if (key == null || key.isBlank()) {
            return offline;
        }
        var openai = ProviderFactory.available(ChatModelFactory.class).get("openai");
        // the key comes from the environment given, which in tests is not the process's
        return openai == null ? offline : openai.create(ProviderConfig.of(Map.of("apiKey", key)));
    }

    /**
     * Runs the agent until the input ends, then waits for its last replies (at most the reply timeout) and closes it.
     *
     * @param agentFactory builds the agent on the console transport it is given; the demo starts and closes it;
     *     never null
     * @return 0 when every message was answered, 1 when the agent was still busy at the end
     * @throws InterruptedException when the thread is interrupted while waiting for the replies
     */
    public int run(Function<Transport, Agent> agentFactory) throws InterruptedException {
        Objects.requireNonNull(agentFactory, "agentFactory");
        var lines = new PacedInput(new InputStreamReader(input, StandardCharsets.UTF_8), echoInput ? output : null);
        var console = ConsoleTransport.builder()
                .input(lines)
                .output(output)
                .agentName(agentName)
                .displayName(userName)
                .voiceDirectory(voiceDirectory)
                .build();
        try (console;
                var agent = Objects.requireNonNull(agentFactory.apply(console), "the agent factory returned null")) {
            lines.pace(agent, replyTimeout);
            output.println(banner);
            agent.start();
            console.awaitInputClosed();
            if (!agent.awaitIdle(replyTimeout)) {
                output.println("[demo] still answering after " + replyTimeout.toSeconds()
                        + " s; closing anyway. Unanswered messages are answered on the next start.");
                return 1;
            }
            return 0;
        }
    }

    /**
     * Whether standard input is an interactive terminal, where echoing the user's lines would print them twice.
     *
     * @return true for a terminal, false for a pipe or a file
     */
    static boolean stdinIsTerminal() {
        var console = System.console();
        if (console == null) {
            return false;
        }
        try {
            // Java 22 and later return a Console for pipes too, and tell with isTerminal()
            return (Boolean) console.getClass().getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return true;
        }
    }

    /**
     * Configures a {@link ConsoleDemo}. Mutable and not thread-safe.
     *
     * @since 0.1
     */
    public static final class Builder {
        private String agentName = "agent";
        private String banner = "";
        private InputStream input = System.in;
        private PrintStream output = System.out;
        private boolean echoInput = !stdinIsTerminal();
        private String userName = defaultUserName();
        private Path voiceDirectory = Path.of("zupa-data", "voice-replies");
        private Duration replyTimeout = Duration.ofSeconds(30);

        private Builder() {}

        /**
         * The label printed before the agent's replies.
         *
         * @param value the label; never blank
         * @return this builder
         */
        public Builder agentName(String value) {
            this.agentName = nonBlank(value, "agentName");
            return this;
        }

        /**
         * The text printed once before the conversation starts.
         *
         * @param text the banner; never null
         * @return this builder
         */
        public Builder banner(String text) {
            this.banner = Objects.requireNonNull(text, "banner");
            return this;
        }

        /**
         * Where the user's lines come from, read as UTF-8; {@code System.in} by default.
         *
         * @param stream the input; never null
         * @return this builder
         */
        public Builder input(InputStream stream) {
            this.input = Objects.requireNonNull(stream, "input");
            return this;
        }

        /**
         * Where the banner, the replies and the echoed lines go; {@code System.out} by default.
         *
         * @param stream the output; never null
         * @return this builder
         */
        public Builder output(PrintStream stream) {
            this.output = Objects.requireNonNull(stream, "output");
            return this;
        }

        /**
         * Whether each line read is printed as {@code > line}; by default only when standard input is not a
         * terminal.
         *
         * @param value true to echo
         * @return this builder
         */
        public Builder echoInput(boolean value) {
            this.echoInput = value;
            return this;
        }

        /**
         * The console user's name, which prompts see as {@code {{user.name}}}; the operating system's user name by
         * default.
         *
         * @param value the name; never blank
         * @return this builder
         */
        public Builder userName(String value) {
            this.userName = nonBlank(value, "userName");
            return this;
        }

        /**
         * Where voice replies are saved; {@code zupa-data/voice-replies} by default.
         *
         * @param directory the directory, created when the first voice reply is saved; never null
         * @return this builder
         */
        public Builder voiceDirectory(Path directory) {
            this.voiceDirectory = Objects.requireNonNull(directory, "voiceDirectory");
            return this;
        }

        /**
         * How long to wait for a reply before the next line is read anyway, and for the last replies at the end.
         *
         * @param timeout the timeout; positive
         * @return this builder
         */
        public Builder replyTimeout(Duration timeout) {
            Objects.requireNonNull(timeout, "replyTimeout");
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("replyTimeout must be positive, was " + timeout);
            }
            this.replyTimeout = timeout;
            return this;
        }

        /**
         * Builds the demo.
         *
         * @return the demo; never null
         */
        public ConsoleDemo build() {
            return new ConsoleDemo(this);
        }

        private static String defaultUserName() {
            var name = System.getProperty("user.name", "");
            return name.isBlank() ? "guest" : name;
        }

        private static String nonBlank(String value, String name) {
            Objects.requireNonNull(value, name);
            if (value.isBlank()) {
                throw new IllegalArgumentException(name + " must not be blank");
            }
            return value;
        }
    }
}
