package dev.zupa.runtime;

import dev.zupa.core.ZupaConfigurationException;
import dev.zupa.core.conversation.ConversationDirectory;
import dev.zupa.core.conversation.SessionId;
import dev.zupa.core.llm.ChatModel;
import dev.zupa.core.speech.SpeechToText;
import dev.zupa.core.speech.TextToSpeech;
import dev.zupa.core.spi.ConversationDirectoryFactory;
import dev.zupa.core.spi.ProviderConfig;
import dev.zupa.core.spi.ProviderFactory;
import dev.zupa.core.transport.Transport;
import dev.zupa.engine.Durability;
import dev.zupa.engine.checkpoint.CheckpointStore;
import dev.zupa.engine.spi.CheckpointStoreFactory;
import dev.zupa.runtime.command.Command;
import dev.zupa.runtime.internal.AgentRuntime;
import dev.zupa.runtime.internal.AgentSettings;
import dev.zupa.runtime.prompt.ContextFunction;
import dev.zupa.runtime.prompt.PromptTemplate;
import dev.zupa.runtime.reply.StructuredReply;
import dev.zupa.runtime.resilience.BreakerState;
import dev.zupa.runtime.resilience.CallPolicy;
import dev.zupa.runtime.resilience.ProviderRole;
import dev.zupa.runtime.tool.Tool;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * A conversational agent: it receives messages from a transport, answers each exactly once through its model, tools
 * and speech providers, and survives crashes, provider outages, duplicate deliveries and restarts.
 *
 * <pre>{@code
 * try (var agent = Agent.builder()
 *         .name("burgers")
 *         .instructions("You take burger orders for {{user.name}}.")
 *         .tools(menuTool, addToOrderTool)
 *         .chatModel(model)
 *         .transport(transport)
 *         .build()) {
 *     agent.start();
 *     agent.awaitTermination();
 * }
 * }</pre>
 *
 * <p>Every message is stored in a durable inbox before the transport acknowledges it; turns of one user run one at a
 * time in arrival order, users run in parallel on virtual threads; a reply is stored in the outbox with the turn that
 * made it and sent after. See {@code docs/runtime.md}.
 *
 * @since 0.1
 */
public final class Agent implements AutoCloseable {
    private final AgentRuntime runtime;
    private volatile boolean closed;

    private Agent(AgentRuntime runtime) {
        this.runtime = runtime;
    }

    /**
     * Starts building an agent.
     *
     * @return a builder; never null
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Starts the agent: delivers replies left unsent by a crash, resumes messages received but not answered, then
     * starts the transport. Idempotent.
     *
     * <p>When starting fails (the transport cannot start, the store cannot be read), the agent does not stay half
     * started: it is closed as by {@link #close()} (the transport is closed, work already begun finishes, and what
     * the agent opened is closed in reverse order), and the failure is rethrown. Messages not yet answered stay in
     * the inbox for the next agent built on the same store. Calling {@link #close()} afterwards is harmless.
     *
     * @throws RuntimeException the failure, as the transport or store threw it (such as a
     *     {@link ZupaConfigurationException} for a port that is taken); the agent is then closed
     * @throws IllegalStateException when the agent is closed
     */
    public void start() {
        try {
            runtime.start();
        } catch (RuntimeException e) {
            if (closed) {
                throw e;
            }
            closed = true;
            try {
                runtime.close();
            } catch (RuntimeException again) {
                e.addSuppressed(again);
            }
            // rethrown as it is: callers tell a configuration problem (a port taken) from others by its type
            throw e;
        }
    }

    /**
     * Adds a listener for the agent's events.
     *
     * @param listener the listener; never null
     * @return this agent
     */
    public Agent addListener(AgentListener listener) {
        runtime.events().add(Objects.requireNonNull(listener, "listener"));
        return this;
    }

    /**
     * Waits until no message is waiting or being answered and no reply is waiting to be sent.
     *
     * @param timeout how long to wait at most; positive
     * @return true when the agent became idle, false on timeout
     * @throws InterruptedException when the waiting thread is interrupted
     */
    public boolean awaitIdle(Duration timeout) throws InterruptedException {
        return runtime.awaitIdle(timeout);
    }

    /**
     * The checkpoint store the agent keeps its sessions' working memory and its ledger in.
     *
     * @return the store; never null
     */
    public CheckpointStore store() {
        return runtime.settings().store();
    }

    /**
     * The state of each provider's circuit breaker used so far, by name ({@code model}, {@code speech-to-text},
     * {@code text-to-speech}, {@code transport}, {@code tool:<name>}).
     *
     * @return the states, sorted by name; never null
     */
    public Map<String, BreakerState> breakerStates() {
        return runtime.breakerStates();
    }

    /**
     * The directory of the agent's users and sessions.
     *
     * @return the directory; never null
     */
    public ConversationDirectory directory() {
        return runtime.settings().directory();
    }

    /**
     * The agent's name.
     *
     * @return the name; never null
     */
    public String name() {
        return runtime.settings().name();
    }

    /**
     * Pauses the agent: messages are still stored in the inbox and acknowledged to the transport, but no turn starts
     * until {@link #resume()}. Turns already running finish. Idempotent.
     */
    public void pause() {
        runtime.pause();
    }

    /** Resumes a paused agent: the messages that arrived meanwhile are answered in arrival order. Idempotent. */
    public void resume() {
        runtime.resume();
    }

    /**
     * Whether the agent is paused.
     *
     * @return true between {@link #pause()} and {@link #resume()}
     */
    public boolean paused() {
        return runtime.paused();
    }

    /**
     * Ends an open session now, as an operator would: it is summarised from its working memory and a
     * {@link AgentEvent.SessionEnded} is emitted; the user's next message starts a new session.
     *
     * @param id the session; never null
     * @param reason why, given to the {@link SessionSummarizer}; never null
     * @return true when the session was open and is now ended
     */
    public boolean endSession(SessionId id, String reason) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(reason, "reason");
        return runtime.endSession(id, reason);
    }

    /**
     * Stops the transport, waits for running turns and deliveries to finish, and closes what the agent opened itself:
     * the stores, directory and providers it created from factories on the class path, in the reverse order it opened
     * them, each object once even when it fills several roles. Objects passed to the builder are not closed, except
     * the transport, which is stopped. Idempotent.
     */
    @Override
    public void close() {
        closed = true;
        runtime.close();
    }

    /** Builds an {@link Agent}. Not thread-safe. */
    public static final class Builder {
        private String name = "agent";
        private @Nullable PromptTemplate prompt;
        private String language = "en";
        private final List<Tool<?>> tools = new ArrayList<>();
        private @Nullable Class<? extends StructuredReply> replyType;
        private AgentModality modality = AgentModality.AUTO;
        private @Nullable ContextFunction context;
        private final Map<String, Command<?>> commands = new LinkedHashMap<>();
        private final Set<String> disabledCommands = new LinkedHashSet<>();
        private Limits limits = Limits.defaults();
        private Replies replies = Replies.defaults();
        private @Nullable ChatModel model;
        private @Nullable SpeechToText speechToText;
        private @Nullable TextToSpeech textToSpeech;
        private @Nullable String voice;
        private @Nullable Transport transport;
        private @Nullable CheckpointStore store;
        private @Nullable ConversationDirectory directory;
        private @Nullable Path dataFile;
        private Clock clock = Clock.systemUTC();
        // version-7 UUIDs (RFC 9562: 48 bits of Unix milliseconds, then random bits from ThreadLocalRandom): ids made
        // close in time sort close together, so the indexes keyed by correlation, session and reply ids take each
        // turn's rows in a few pages at their end instead of one random page each; and no SecureRandom, whose shared
        // lock hundreds of concurrent turns otherwise queue on
        private Supplier<String> ids = () -> {
            var random = ThreadLocalRandom.current();
            return new UUID(
                            (System.currentTimeMillis() << 16) | 0x7000L | (random.nextLong() & 0x0FFFL),
                            (random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L)
                    .toString();
        };
        private @Nullable String singleUser;
        private @Nullable ModalityExtractor modalityExtractor;
        private SessionSummarizer summarizer = SessionSummarizer.defaults();
        private @Nullable ResponseHook responseHook;
        private Durability durability = Durability.EXIT;
        private final Map<ProviderRole, CallPolicy> callPolicies = new EnumMap<>(ProviderRole.class);
        private boolean streamTokens;
        private final List<AgentListener> listeners = new ArrayList<>();
        // where the default providers' settings come from; replaced only by tests
        private Function<String, @Nullable String> environment = System::getenv;

        private static final Set<String> LANGUAGES = Set.of(
                "auto", "de", "en", "es", "fr", "hi", "id", "it", "ja", "ko", "nl", "pl", "pt", "ru", "uk", "vi", "zh");
        private static final Set<String> BUILT_IN = Set.of("help", "reset", "text", "voice", "mirror", "dynamic");

        private Builder() {}

        /**
         * The agent's name, used in logs, thread names and the default data file name.
         *
         * @param value the name; never blank
         * @return this builder
         */
        public Builder name(String value) {
            Objects.requireNonNull(value, "name");
            if (value.isBlank()) {
                throw new IllegalArgumentException("name must not be blank");
            }
            this.name = value;
            return this;
        }

        /**
         * The system prompt as a text template; see {@link PromptTemplate#of(String)} for its placeholders.
         *
         * @param template the template; never blank
         * @return this builder
         * @throws IllegalArgumentException when the template is blank
         */
        public Builder instructions(String template) {
            this.prompt = PromptTemplate.of(template);
            return this;
        }

        /**
         * The system prompt as code.
         *
         * @param template builds the prompt for each turn; never null
         * @return this builder
         */
        public Builder prompt(PromptTemplate template) {
            this.prompt = Objects.requireNonNull(template, "prompt");
            return this;
        }

        /**
         * The language code of the conversations ({@code en}, {@code pt}, …): the transcription hint and a prompt
         * placeholder. An unknown code resolves to {@code en}.
         *
         * @param code the code; never null
         * @return this builder
         */
        public Builder language(String code) {
            Objects.requireNonNull(code, "language");
            var normalized = code.strip().toLowerCase(Locale.ROOT);
            this.language = LANGUAGES.contains(normalized) ? normalized : "en";
            return this;
        }

        /**
         * Adds tools the model may call.
         *
         * @param more the tools; never null
         * @return this builder
         * @throws IllegalArgumentException when two tools share a name
         */
        public Builder tools(Tool<?>... more) {
            for (var tool : more) {
                Objects.requireNonNull(tool, "tool");
                if (tools.stream().anyMatch(t -> t.name().equals(tool.name()))) {
                    throw new IllegalArgumentException("two tools are named '" + tool.name() + "'");
                }
                tools.add(tool);
            }
            return this;
        }

        /**
         * Asks the model for structured replies of this record type, validated; an invalid reply gets one
         * corrective re-ask, then the fallback reply.
         *
         * @param type the record type; never null
         * @return this builder
         * @throws IllegalArgumentException when the type is not a record
         */
        public Builder replyType(Class<? extends StructuredReply> type) {
            Objects.requireNonNull(type, "replyType");
            if (!type.isRecord()) {
                throw new IllegalArgumentException("the reply type must be a record, not " + type.getName());
            }
            this.replyType = type;
            return this;
        }

        /**
         * The agent's reply modality, which beats the user's preference.
         *
         * @param value the modality; never null
         * @return this builder
         */
        public Builder modality(AgentModality value) {
            this.modality = Objects.requireNonNull(value, "modality");
            return this;
        }

        /**
         * Supplies the application's own prompt variables for each turn.
         *
         * @param function the function; never null
         * @return this builder
         */
        public Builder context(ContextFunction function) {
            this.context = Objects.requireNonNull(function, "context");
            return this;
        }

        /**
         * Adds a command, or replaces a built-in one of the same name ({@code /help} cannot be replaced).
         *
         * @param command the command; never null
         * @return this builder
         * @throws IllegalArgumentException for {@code help}
         */
        public Builder command(Command<?> command) {
            Objects.requireNonNull(command, "command");
            if (command.name().equals("help")) {
                throw new IllegalArgumentException("/help is reserved and cannot be replaced");
            }
            commands.put(command.name(), command);
            disabledCommands.remove(command.name());
            return this;
        }

        /**
         * Removes a built-in or added command from dispatch and from {@code /help}.
         *
         * @param name the name without the slash; never null
         * @return this builder
         * @throws IllegalArgumentException for {@code help}
         */
        public Builder disableCommand(String name) {
            var key = Objects.requireNonNull(name, "name").toLowerCase(Locale.ROOT);
            if (key.equals("help")) {
                throw new IllegalArgumentException("/help cannot be disabled");
            }
            commands.remove(key);
            if (BUILT_IN.contains(key)) {
                disabledCommands.add(key);
            }
            return this;
        }

        /**
         * The agent's limits.
         *
         * @param value the limits; never null
         * @return this builder
         */
        public Builder limits(Limits value) {
            this.limits = Objects.requireNonNull(value, "limits");
            return this;
        }

        /**
         * The fixed replies (fallback, rate limited, overloaded, restricted, silent voice note).
         *
         * @param value the replies; never null
         * @return this builder
         */
        public Builder replies(Replies value) {
            this.replies = Objects.requireNonNull(value, "replies");
            return this;
        }

        /**
         * The chat model. Without one, the model is found on the class path: {@code ZUPA_LLM} names it, else
         * {@code openai} when {@code OPENAI_API_KEY} is set, else the offline {@code scripted} model.
         *
         * @param value the model; never null
         * @return this builder
         */
        public Builder chatModel(ChatModel value) {
            this.model = Objects.requireNonNull(value, "chatModel");
            return this;
        }

        /**
         * The transcriber for voice notes. Without one, voice notes are answered from their (usually empty) text.
         *
         * @param value the transcriber; never null
         * @return this builder
         */
        public Builder speechToText(SpeechToText value) {
            this.speechToText = Objects.requireNonNull(value, "speechToText");
            return this;
        }

        /**
         * The speech synthesiser for voice replies. Without one, every reply is text.
         *
         * @param value the synthesiser; never null
         * @return this builder
         */
        public Builder textToSpeech(TextToSpeech value) {
            this.textToSpeech = Objects.requireNonNull(value, "textToSpeech");
            return this;
        }

        /**
         * The voice for speech synthesis (vendor-specific, such as {@code alloy}).
         *
         * @param value the voice; never blank
         * @return this builder
         */
        public Builder voice(String value) {
            this.voice = Objects.requireNonNull(value, "voice");
            return this;
        }

        /**
         * The transport messages come from and replies go to. Required.
         *
         * @param value the transport; never null
         * @return this builder
         */
        public Builder transport(Transport value) {
            this.transport = Objects.requireNonNull(value, "transport");
            return this;
        }

        /**
         * The checkpoint store for working memory and the ledger; it must keep a ledger. Without one, the
         * {@code sqlite} store is opened on {@link #dataFile(Path)} when it is on the class path, else an in-memory
         * store is used.
         *
         * @param value the store; never null
         * @return this builder
         */
        public Builder checkpointStore(CheckpointStore value) {
            this.store = Objects.requireNonNull(value, "checkpointStore");
            return this;
        }

        /**
         * The directory of users and sessions. Without one, the {@code sqlite} directory is opened on
         * {@link #dataFile(Path)} when it is on the class path, else an in-memory directory is used.
         *
         * @param value the directory; never null
         * @return this builder
         */
        public Builder directory(ConversationDirectory value) {
            this.directory = Objects.requireNonNull(value, "directory");
            return this;
        }

        /**
         * The SQLite file for the default stores; default {@code zupa-data/<name>.db}.
         *
         * @param file the file; never null
         * @return this builder
         */
        public Builder dataFile(Path file) {
            this.dataFile = Objects.requireNonNull(file, "dataFile");
            return this;
        }

        /**
         * The clock for timestamps, idle timeouts and the ledger.
         *
         * @param value the clock; never null
         * @return this builder
         */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /**
         * The id generator for correlation, user, session and checkpoint ids. Default: version-7 UUIDs, which sort by
         * the millisecond they were made in and so keep the store's indexes compact.
         *
         * @param value a supplier of unique ids; never null
         * @return this builder
         */
        public Builder ids(Supplier<String> value) {
            this.ids = Objects.requireNonNull(value, "ids");
            return this;
        }

        /**
         * Serves only this sender address; everyone else gets the restricted reply and nothing is stored for them.
         *
         * @param address the address; never blank
         * @return this builder
         */
        public Builder singleUser(String address) {
            Objects.requireNonNull(address, "singleUser");
            if (address.isBlank()) {
                throw new IllegalArgumentException("singleUser must not be blank");
            }
            this.singleUser = address;
            return this;
        }

        /**
         * The modality hook for users whose preference is {@code dynamic}.
         *
         * @param value the hook; never null
         * @return this builder
         */
        public Builder modalityExtractor(ModalityExtractor value) {
            this.modalityExtractor = Objects.requireNonNull(value, "modalityExtractor");
            return this;
        }

        /**
         * Writes the summary of sessions that end.
         *
         * @param value the summarizer; never null
         * @return this builder
         */
        public Builder sessionSummarizer(SessionSummarizer value) {
            this.summarizer = Objects.requireNonNull(value, "sessionSummarizer");
            return this;
        }

        /**
         * Runs after each delivered structured reply.
         *
         * @param value the hook; never null
         * @return this builder
         */
        public Builder onResponse(ResponseHook value) {
            this.responseHook = Objects.requireNonNull(value, "onResponse");
            return this;
        }

        /**
         * How the turn graph stores its steps. Default {@link Durability#EXIT}: one checkpoint per turn, committed
         * together with the turn's dedup marks, its ledger entries and its reply in the outbox, so nothing a user sent
         * or was promised is lost, at a fifth of the writes of {@link Durability#SYNC}. What EXIT gives up: a turn cut
         * by a crash runs again from its start (the model is asked again, tools are called again) instead of resuming
         * after its last finished step; choose {@link Durability#SYNC} when tools are expensive and not idempotent.
         *
         * @param value the durability; never null
         * @return this builder
         */
        public Builder durability(Durability value) {
            this.durability = Objects.requireNonNull(value, "durability");
            return this;
        }

        /**
         * How one kind of provider is called: timeout, retries and circuit breaker. Roles not set use
         * {@link CallPolicy#defaults(ProviderRole)}.
         *
         * @param role the kind of provider; never null
         * @param policy its policy; never null
         * @return this builder
         */
        public Builder callPolicy(ProviderRole role, CallPolicy policy) {
            callPolicies.put(Objects.requireNonNull(role, "role"), Objects.requireNonNull(policy, "policy"));
            return this;
        }

        /**
         * Whether model calls stream: each piece of the answer reaches listeners as an
         * {@link AgentEvent.ModelToken} (and the engine's stream as a {@code model.token} custom event) while the
         * model writes, for a chat UI. Replies to the transport are still sent whole. Default false.
         *
         * @param value true to stream
         * @return this builder
         */
        public Builder streamTokens(boolean value) {
            this.streamTokens = value;
            return this;
        }

        /**
         * Adds a listener for the agent's events.
         *
         * @param listener the listener; never null
         * @return this builder
         */
        public Builder listener(AgentListener listener) {
            listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /** Where the default providers' settings ({@code ZUPA_LLM}, {@code OPENAI_API_KEY}, …) are read; tests. */
        Builder environment(Function<String, @Nullable String> lookup) {
            this.environment = Objects.requireNonNull(lookup, "environment");
            return this;
        }

        /**
         * Builds the agent; it does nothing until {@link Agent#start()}. Stores, the directory and providers not given
         * to the builder are opened here, in that order; when building fails part-way, those already opened are
         * closed, in reverse order, before the exception propagates.
         *
         * @return the agent; never null
         * @throws IllegalStateException when the prompt or the transport is missing
         * @throws ZupaConfigurationException when a default provider cannot be found, configured or opened (the
         *     message names which; the cause is the provider's own exception), or the store keeps no ledger
         */
        public Agent build() {
            if (prompt == null) {
                throw new IllegalStateException("the agent needs a prompt: call instructions(String) or prompt(...)");
            }
            if (transport == null) {
                throw new IllegalStateException("the agent needs a transport: call transport(...)");
            }
            var owned = new OwnedResources();
            try {
                return build(prompt, transport, owned);
            } catch (RuntimeException | Error e) {
                owned.closeAfter(e);
                throw e;
            }
        }

        private Agent build(PromptTemplate prompt, Transport transport, OwnedResources owned) {
            var file = dataFile != null ? dataFile : Path.of("zupa-data", name + ".db");
            var chosenStore = store != null ? store : defaultStore(file, owned);
            if (!chosenStore.keepsLedger()) {
                throw new ZupaConfigurationException(
                        "the checkpoint store " + chosenStore.getClass().getName()
                                + " keeps no ledger; the runtime needs one for its inbox, outbox and audit history");
            }
            var chosenDirectory = directory != null ? directory : defaultDirectory(file, owned);
            var chosenModel = model != null ? model : DefaultModels.find(owned, environment);
            var chosenSpeechToText =
                    speechToText != null ? Optional.of(speechToText) : DefaultModels.speechToText(owned, environment);
            var chosenTextToSpeech =
                    textToSpeech != null ? Optional.of(textToSpeech) : DefaultModels.textToSpeech(owned, environment);
            var settings = new AgentSettings(
                    name,
                    prompt,
                    language,
                    List.copyOf(tools),
                    Optional.ofNullable(replyType),
                    modality,
                    Optional.ofNullable(context),
                    Map.copyOf(commands),
                    Set.copyOf(disabledCommands),
                    limits,
                    replies,
                    chosenModel,
                    chosenSpeechToText,
                    chosenTextToSpeech,
                    Optional.ofNullable(voice),
                    transport,
                    chosenStore,
                    chosenDirectory,
                    clock,
                    ids,
                    Optional.ofNullable(singleUser),
                    Optional.ofNullable(modalityExtractor),
                    summarizer,
                    Optional.ofNullable(responseHook),
                    durability,
                    Map.copyOf(callPolicies),
                    streamTokens);
            var runtime = new AgentRuntime(settings, owned.inOpeningOrder());
            listeners.forEach(runtime.events()::add);
            return new Agent(runtime);
        }

        private static CheckpointStore defaultStore(Path file, OwnedResources owned) {
            var factories = ProviderFactory.available(CheckpointStoreFactory.class);
            var sqlite = factories.get("sqlite");
            if (sqlite == null) {
                return CheckpointStore.inMemory();
            }
            return owned.open("checkpoint store", sqlite, ProviderConfig.of(Map.of("path", file.toString())));
        }

        private static ConversationDirectory defaultDirectory(Path file, OwnedResources owned) {
            var factories = ProviderFactory.available(ConversationDirectoryFactory.class);
            var sqlite = factories.get("sqlite");
            if (sqlite == null) {
                return ConversationDirectory.inMemory();
            }
            return owned.open("directory", sqlite, ProviderConfig.of(Map.of("path", file.toString())));
        }
    }
}
