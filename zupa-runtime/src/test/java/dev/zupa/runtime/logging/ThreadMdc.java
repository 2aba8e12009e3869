package dev.zupa.runtime.logging;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.spi.MDCAdapter;

/**
 * An MDC kept per thread and not inherited by new threads, as Logback's is: a context that reaches another thread
 * does so because the code carried it there, which is what the tests check.
 */
final class ThreadMdc implements MDCAdapter {
    private final ThreadLocal<Map<String, String>> values = ThreadLocal.withInitial(HashMap::new);
    private final ThreadLocal<Map<String, Deque<String>>> stacks = ThreadLocal.withInitial(HashMap::new);

    @Override
    public void put(String key, @Nullable String value) {
        values.get().put(key, value);
    }

    @Override
    public @Nullable String get(String key) {
        return values.get().get(key);
    }

    @Override
    public void remove(String key) {
        values.get().remove(key);
    }

    @Override
    public void clear() {
        values.get().clear();
    }

    @Override
    public Map<String, String> getCopyOfContextMap() {
        return new HashMap<>(values.get());
    }

    @Override
    public void setContextMap(Map<String, String> contextMap) {
        values.set(new HashMap<>(contextMap));
    }

    @Override
    public void pushByKey(String key, String value) {
        stacks.get().computeIfAbsent(key, k -> new ArrayDeque<>()).push(value);
    }

    @Override
    public @Nullable String popByKey(String key) {
        var stack = stacks.get().get(key);
        return stack == null ? null : stack.poll();
    }

    @Override
    public @Nullable Deque<String> getCopyOfDequeByKey(String key) {
        var stack = stacks.get().get(key);
        return stack == null ? null : new ArrayDeque<>(stack);
    }

    @Override
    public void clearDequeByKey(String key) {
        stacks.get().remove(key);
    }
}
