package dev.zupa.runtime;

import dev.zupa.core.ZupaConfigurationException;
import dev.zupa.core.spi.ProviderConfig;
import dev.zupa.core.spi.ProviderFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What an agent opened itself (stores, the directory and providers it created from factories on the class path), in
 * the order it opened them, each object once however many roles it fills: one object that is both the checkpoint
 * store and the directory, or both the chat model and the transcriber, is closed once. Objects passed to the builder
 * are never owned. Not thread-safe: the builder fills it, then hands it to the runtime, which closes it in reverse.
 */
final class OwnedResources {
    private final List<AutoCloseable> opened = new ArrayList<>();

    /**
     * Creates a provider from its factory and owns it.
     *
     * @param what the role, for the error message, such as {@code checkpoint store}
     * @throws ZupaConfigurationException naming the role and the provider when the factory fails; the cause is the
     *     factory's exception
     */
    <T> T open(String what, ProviderFactory<? extends T> factory, ProviderConfig config) {
        T created;
        try {
            created = factory.create(config);
        } catch (RuntimeException e) {
            throw new ZupaConfigurationException(
                    "could not open the " + what + " '" + factory.name() + "': " + describe(e), e);
        }
        Objects.requireNonNull(created, () -> "the " + what + " factory '" + factory.name() + "' returned null");
        return own(created);
    }

    /** Owns an object the agent created: one that is {@link AutoCloseable} is closed with the agent, once. */
    <T> T own(T created) {
        if (created instanceof AutoCloseable closeable && opened.stream().noneMatch(o -> o == closeable)) {
            opened.add(closeable);
        }
        return created;
    }

    /** The owned objects in the order they were opened; the runtime closes them in reverse. */
    List<AutoCloseable> inOpeningOrder() {
        return List.copyOf(opened);
    }

    /**
     * Closes everything opened so far, in reverse order, after the agent could not be built; a failure to close is
     * added to {@code failure} as a suppressed exception, and the others are still closed.
     */
    void closeAfter(Throwable failure) {
        for (int i = opened.size() - 1; i >= 0; i--) {
            try {
                opened.get(i).close();
            } catch (Exception e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                failure.addSuppressed(e);
            }
        }
        opened.clear();
    }

    /** The message of an exception, or its type when it has none. */
    static String describe(Throwable e) {
        var message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getName() : message;
    }
}
