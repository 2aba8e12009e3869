package dev.zupa.adapters.whatsappweb.internal;

import dev.zupa.core.speech.AudioClip;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The audio that arrived with recent voice notes, by message id, so that the runtime's download does not need a
 * round trip to WhatsApp Web (where the media may expire). Keeps the most recently used entries only. Thread-safe.
 */
public final class MediaCache {
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<String, AudioClip> entries;

    /**
     * Creates an empty cache.
     *
     * @param capacity how many clips to keep, at least 1
     */
    public MediaCache(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
        }
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, AudioClip> eldest) {
                return size() > capacity;
            }
        };
    }

    /**
     * Keeps a clip.
     *
     * @param messageId the message it came with
     * @param clip the audio
     */
    public void put(String messageId, AudioClip clip) {
        lock.lock();
        try {
            entries.put(messageId, clip);
        } finally {
            lock.unlock();
        }
    }

    /**
     * A kept clip.
     *
     * @param messageId the message it came with
     * @return the audio, or empty when it was never kept or has been evicted
     */
    public Optional<AudioClip> get(String messageId) {
        lock.lock();
        try {
            return Optional.ofNullable(entries.get(messageId));
        } finally {
            lock.unlock();
        }
    }
}
