package dev.zupa.adapters.whatsappcloud.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A small thread-safe map that forgets its least recently used entries beyond a capacity, so that state kept per
 * sender or per sent message stays bounded however many conversations a process sees.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public final class RecentMap<K, V> {
    private final ReentrantLock lock = new ReentrantLock(); // not synchronized: callers run on virtual threads
    private final LinkedHashMap<K, V> entries;

    /**
     * An empty map.
     *
     * @param capacity how many entries it keeps at most; positive
     */
    public RecentMap(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive, was " + capacity);
        }
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > capacity;
            }
        };
    }

    /**
     * Stores a value, replacing any earlier one.
     *
     * @param key the key
     * @param value the value
     */
    public void put(K key, V value) {
        lock.lock();
        try {
            entries.put(key, value);
        } finally {
            lock.unlock();
        }
    }

    /**
     * A value, if the map still holds one.
     *
     * @param key the key
     * @return the value, or empty
     */
    public Optional<V> get(K key) {
        lock.lock();
        try {
            return Optional.ofNullable(entries.get(key));
        } finally {
            lock.unlock();
        }
    }

    /**
     * Whether the map holds a key.
     *
     * @param key the key
     * @return true when it does
     */
    public boolean contains(K key) {
        lock.lock();
        try {
            return entries.containsKey(key);
        } finally {
            lock.unlock();
        }
    }

    /**
     * How many entries the map holds.
     *
     * @return the size
     */
    public int size() {
        lock.lock();
        try {
            return entries.size();
        } finally {
            lock.unlock();
        }
    }
}
