package dev.zupa.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zupa.core.ZupaConfigurationException;
import dev.zupa.core.conversation.ConversationDirectory;
import dev.zupa.core.conversation.ReplyPreference;
import dev.zupa.core.conversation.Session;
import dev.zupa.core.conversation.SessionId;
import dev.zupa.core.conversation.User;
import dev.zupa.core.conversation.UserId;
import dev.zupa.core.llm.ChatModel;
import dev.zupa.core.llm.ChatRequest;
import dev.zupa.core.llm.ChatResponse;
import dev.zupa.core.speech.AudioClip;
import dev.zupa.core.speech.SpeechToText;
import dev.zupa.core.speech.Transcript;
import dev.zupa.core.spi.ChatModelFactory;
import dev.zupa.core.spi.ConversationDirectoryFactory;
import dev.zupa.core.spi.ProviderConfig;
import dev.zupa.core.spi.SpeechToTextFactory;
import dev.zupa.core.transport.Delivery;
import dev.zupa.core.transport.MediaRef;
import dev.zupa.core.transport.OutboundMessage;
import dev.zupa.core.transport.Transport;
import dev.zupa.core.transport.TransportContext;
import dev.zupa.engine.checkpoint.CheckpointStore;
import dev.zupa.engine.checkpoint.ForwardingCheckpointStore;
import dev.zupa.engine.spi.CheckpointStoreFactory;
import dev.zupa.testkit.RecordingTransport;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Check 48: what the agent opens itself (the store, the directory and providers from factories on the class path) is
 * opened in dependency order, closed once each in reverse order, and closed again when building or starting fails.
 * The factories are found through a class loader that serves only this test's service files.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ResourceLifecycleChecksTest {
    /** Everything opened, started and closed, in order. */
    static final List<String> LOG = new CopyOnWriteArrayList<>();

    /** What each role's factory returns (or throws), by role: store, directory, model, stt. */
    static final Map<String, Supplier<Resource>> OPEN = new ConcurrentHashMap<>();

    private static final Map<String, String> ENVIRONMENT = Map.of("ZUPA_LLM", "fake", "ZUPA_STT", "fake");

    @TempDir
    Path services;

    @BeforeEach
    void reset() {
        LOG.clear();
        OPEN.clear();
    }

    @Test
    @DisplayName("check 48: resources open in dependency order and close in reverse order, after the transport")
    void check48OpensInOrderAndClosesInReverse() throws IOException {
        OPEN.put("store", () -> new Resource("store"));
        OPEN.put("directory", () -> new Resource("directory"));
        OPEN.put("model", () -> new Resource("model"));
        OPEN.put("stt", () -> new Resource("stt"));
        var transport = new LoggingTransport(false);

        var agent = build(transport, b -> {});
        assertThat(LOG).containsExactly("open store", "open directory", "open model", "open stt");
        assertThat(agent.store()).isInstanceOf(Resource.class);
        assertThat(((Resource) agent.store()).name).isEqualTo("store");
        assertThat(((Resource) agent.directory()).name).isEqualTo("directory");

        agent.start();
        agent.close();
        agent.close();

        assertThat(LOG)
                .containsExactly(
                        "open store",
                        "open directory",
                        "open model",
                        "open stt",
                        "start transport",
                        "close transport",
                        "close stt",
                        "close model",
                        "close directory",
                        "close store");
    }

    @Test
    @DisplayName("check 48: one object filling the store, directory, model and transcriber roles is closed once")
    void check48SharedObjectIsClosedOnce() throws IOException {
        var shared = new Resource("shared");
        OPEN.put("store", () -> shared);
        OPEN.put("directory", () -> shared);
        OPEN.put("model", () -> shared);
        OPEN.put("stt", () -> shared);

        var agent = build(new LoggingTransport(false), b -> {});
        assertThat(agent.store()).isSameAs(shared);
        assertThat(agent.directory()).isSameAs(shared);
        agent.start();
        agent.close();
        agent.close();

        assertThat(shared.closes).hasValue(1);
        assertThat(LOG).containsOnlyOnce("close shared");
    }

    @Test
    @DisplayName("check 48: a transcriber that is also the chat model is closed once, after the directory opened later")
    void check48ModelAndTranscriberSharedClosedOnceInOrder() throws IOException {
        var provider = new Resource("provider");
        OPEN.put("store", () -> new Resource("store"));
        OPEN.put("directory", () -> new Resource("directory"));
        OPEN.put("model", () -> provider);
        OPEN.put("stt", () -> provider);

        try (var agent = build(new LoggingTransport(false), b -> {})) {
            agent.start();
        }

        assertThat(provider.closes).hasValue(1);
        assertThat(LOG.stream().filter(e -> e.startsWith("close ")))
                .containsExactly("close transport", "close provider", "close directory", "close store");
    }

    @Test
    @DisplayName("check 48: objects passed to the builder are not closed by the agent")
    void check48GivenObjectsAreNotClosed() throws IOException {
        var store = new Resource("given store");
        var directory = new Resource("given directory");
        OPEN.put("model", () -> new Resource("model"));
        OPEN.put("stt", () -> new Resource("stt"));

        try (var agent =
                build(new LoggingTransport(false), b -> b.checkpointStore(store).directory(directory))) {
            agent.start();
        }

        assertThat(store.closes).hasValue(0);
        assertThat(directory.closes).hasValue(0);
        assertThat(LOG)
                .containsExactly(
                        "open model", "open stt", "start transport", "close transport", "close stt", "close model");
    }

    @Test
    @DisplayName("check 48: a factory failing part-way closes what was opened, in reverse, and names what failed")
    void check48FactoryFailureClosesWhatWasOpened() {
        var store = new Resource("store");
        var directory = new Resource("directory");
        OPEN.put("store", () -> store);
        OPEN.put("directory", () -> directory);
        OPEN.put("model", () -> {
            throw new IllegalStateException("no API key for the fake model");
        });
        OPEN.put("stt", () -> new Resource("stt"));

        assertThatThrownBy(() -> build(new LoggingTransport(false), b -> {}))
                .isInstanceOf(ZupaConfigurationException.class)
                .hasMessageContaining("could not open the chat model 'fake'")
                .hasMessageContaining("no API key for the fake model")
                .hasCauseInstanceOf(IllegalStateException.class);

        assertThat(LOG).containsExactly("open store", "open directory", "open model", "close directory", "close store");
        assertThat(store.closes).hasValue(1);
        assertThat(directory.closes).hasValue(1);
    }

    @Test
    @DisplayName("check 48: a validation failing after the store was opened closes the store")
    void check48ValidationFailureClosesTheStore() {
        var store = new Resource("store", false);
        OPEN.put("store", () -> store);
        OPEN.put("directory", () -> new Resource("directory"));

        assertThatThrownBy(() -> build(new LoggingTransport(false), b -> {}))
                .isInstanceOf(ZupaConfigurationException.class)
                .hasMessageContaining("keeps no ledger");

        assertThat(LOG).containsExactly("open store", "close store");
        assertThat(store.closes).hasValue(1);
    }

    @Test
    @DisplayName("check 48: a failure to close during cleanup is kept as suppressed and the rest still closes")
    void check48CloseFailureDuringCleanupIsSuppressed() {
        var store = new Resource("store");
        var directory = new Resource("directory");
        directory.failClose = true;
        OPEN.put("store", () -> store);
        OPEN.put("directory", () -> directory);
        OPEN.put("model", () -> {
            throw new IllegalStateException("model down");
        });

        assertThatThrownBy(() -> build(new LoggingTransport(false), b -> {}))
                .isInstanceOf(ZupaConfigurationException.class)
                .hasMessageContaining("model down")
                .satisfies(e -> assertThat(e.getSuppressed()).singleElement().satisfies(s -> assertThat(s)
                        .hasMessageContaining("cannot close directory")));

        assertThat(store.closes).hasValue(1);
        assertThat(directory.closes).hasValue(1);
    }

    @Test
    @DisplayName("check 48: a transport that fails to start closes what the agent opened and reports it clearly")
    void check48TransportStartFailureClosesEverything() throws IOException {
        var store = new Resource("store");
        var directory = new Resource("directory");
        OPEN.put("store", () -> store);
        OPEN.put("directory", () -> directory);
        OPEN.put("model", () -> new Resource("model"));
        OPEN.put("stt", () -> new Resource("stt"));
        var transport = new LoggingTransport(true);
        var agent = build(transport, b -> b.name("burgers"));

        // the transport's own exception, unwrapped: callers tell failures apart by type
        assertThatThrownBy(agent::start)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("port 8080 is taken");

        assertThat(LOG)
                .containsExactly(
                        "open store",
                        "open directory",
                        "open model",
                        "open stt",
                        "start transport",
                        "close transport",
                        "close stt",
                        "close model",
                        "close directory",
                        "close store");
        // close() stays safe and closes nothing twice; the agent cannot be half-started again
        agent.close();
        assertThat(store.closes).hasValue(1);
        assertThat(directory.closes).hasValue(1);
        assertThat(transport.closes).hasValue(1);
        assertThatThrownBy(agent::start)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
    }

    /** Builds an agent whose default providers come from this test's factories. */
    private Agent build(Transport transport, Consumer<Agent.Builder> configure) throws IOException {
        var loader = new ServicesOnly(services, getClass().getClassLoader());
        register(StoreFactory.class, CheckpointStoreFactory.class);
        register(DirectoryFactory.class, ConversationDirectoryFactory.class);
        register(ModelFactory.class, ChatModelFactory.class);
        register(SpeechFactory.class, SpeechToTextFactory.class);
        var builder = Agent.builder()
                .name("lifecycle")
                .instructions("Be brief.")
                .transport(transport)
                .dataFile(services.resolve("agent.db"))
                .environment(ENVIRONMENT::get);
        configure.accept(builder);
        var thread = Thread.currentThread();
        var previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            return builder.build();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private void register(Class<?> implementation, Class<?> service) throws IOException {
        var file = services.resolve("META-INF/services/" + service.getName());
        Files.createDirectories(file.getParent());
        Files.writeString(file, implementation.getName() + "\n");
    }

    /** Serves Zupa's service files from a directory only, hiding the real adapters on the test class path. */
    private static final class ServicesOnly extends ClassLoader {
        private final Path root;

        ServicesOnly(Path root, ClassLoader parent) {
            super("zupa-test-services", parent);
            this.root = root;
        }

        @Override
        public Enumeration<URL> getResources(String name) throws IOException {
            if (!name.startsWith("META-INF/services/dev.zupa.")) {
                return super.getResources(name);
            }
            var file = root.resolve(name);
            return Files.exists(file)
                    ? Collections.enumeration(List.of(file.toUri().toURL()))
                    : Collections.emptyEnumeration();
        }
    }

    private static Resource open(String role, ProviderConfig config) {
        LOG.add("open " + role);
        var supplier = OPEN.get(role);
        if (supplier == null) {
            throw new AssertionError("no " + role + " expected; config " + config);
        }
        return supplier.get();
    }

    /** The {@code sqlite} store factory, as the builder looks it up. */
    public static final class StoreFactory implements CheckpointStoreFactory {
        /** For the service loader. */
        public StoreFactory() {}

        @Override
        public String name() {
            return "sqlite";
        }

        @Override
        public CheckpointStore create(ProviderConfig config) {
            return open("store", config);
        }
    }

    /** The {@code sqlite} directory factory, as the builder looks it up. */
    public static final class DirectoryFactory implements ConversationDirectoryFactory {
        /** For the service loader. */
        public DirectoryFactory() {}

        @Override
        public String name() {
            return "sqlite";
        }

        @Override
        public ConversationDirectory create(ProviderConfig config) {
            return open("directory", config);
        }
    }

    /** The chat model named by {@code ZUPA_LLM=fake}. */
    public static final class ModelFactory implements ChatModelFactory {
        /** For the service loader. */
        public ModelFactory() {}

        @Override
        public String name() {
            return "fake";
        }

        @Override
        public ChatModel create(ProviderConfig config) {
            return open("model", config);
        }
    }

    /** The transcriber named by {@code ZUPA_STT=fake}. */
    public static final class SpeechFactory implements SpeechToTextFactory {
        /** For the service loader. */
        public SpeechFactory() {}

        @Override
        public String name() {
            return "fake";
        }

        @Override
        public SpeechToText create(ProviderConfig config) {
            return open("stt", config);
        }
    }

    /**
     * An in-memory store that can also be the directory, the chat model and the transcriber, so that one object can
     * fill several roles; it records its closes.
     */
    static final class Resource extends ForwardingCheckpointStore
            implements ConversationDirectory, ChatModel, SpeechToText {
        final String name;
        final AtomicInteger closes = new AtomicInteger();
        private final boolean keepsLedger;
        private final ConversationDirectory directory = ConversationDirectory.inMemory();
        volatile boolean failClose;

        Resource(String name) {
            this(name, true);
        }

        Resource(String name, boolean keepsLedger) {
            super(CheckpointStore.inMemory());
            this.name = name;
            this.keepsLedger = keepsLedger;
        }

        @Override
        public boolean keepsLedger() {
            return keepsLedger && super.keepsLedger();
        }

        @Override
        public void close() {
            closes.incrementAndGet();
            LOG.add("close " + name);
            super.close();
            directory.close();
            if (failClose) {
                throw new IllegalStateException("cannot close " + name);
            }
        }

        @Override
        public ChatResponse complete(ChatRequest request) {
            return AgentHarness.answer("ok");
        }

        @Override
        public Transcript transcribe(AudioClip audio, Optional<Locale> language) {
            return new Transcript("", Optional.empty());
        }

        @Override
        public User userFor(String transport, String address, String displayName, Supplier<UserId> newId, Instant now) {
            return directory.userFor(transport, address, displayName, newId, now);
        }

        @Override
        public Optional<User> user(UserId id) {
            return directory.user(id);
        }

        @Override
        public void setPreference(UserId id, ReplyPreference preference) {
            directory.setPreference(id, preference);
        }

        @Override
        public Session activeSession(UserId userId, Supplier<SessionId> newId, Instant now) {
            return directory.activeSession(userId, newId, now);
        }

        @Override
        public Optional<Session> session(SessionId id) {
            return directory.session(id);
        }

        @Override
        public void touch(SessionId id, Instant at) {
            directory.touch(id, at);
        }

        @Override
        public boolean endSession(SessionId id, Instant at, String summary) {
            return directory.endSession(id, at, summary);
        }

        @Override
        public List<Session> endedSessions(UserId userId, int limit) {
            return directory.endedSessions(userId, limit);
        }

        @Override
        public List<Session> activeSessions(int limit) {
            return directory.activeSessions(limit);
        }
    }

    /** A recording transport that logs its start and close, and can fail to start. */
    static final class LoggingTransport implements Transport {
        private final RecordingTransport delegate = RecordingTransport.create();
        private final boolean failStart;
        final AtomicInteger closes = new AtomicInteger();

        LoggingTransport(boolean failStart) {
            this.failStart = failStart;
        }

        @Override
        public String name() {
            return delegate.name();
        }

        @Override
        public void start(TransportContext context) {
            LOG.add("start transport");
            if (failStart) {
                throw new IllegalStateException("port 8080 is taken");
            }
            delegate.start(context);
        }

        @Override
        public Delivery send(OutboundMessage message) {
            return delegate.send(message);
        }

        @Override
        public AudioClip download(MediaRef media) {
            return delegate.download(media);
        }

        @Override
        public void close() {
            closes.incrementAndGet();
            LOG.add("close transport");
            delegate.close();
        }
    }
}
