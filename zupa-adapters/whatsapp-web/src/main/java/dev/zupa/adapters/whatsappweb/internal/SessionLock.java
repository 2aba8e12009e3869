package dev.zupa.adapters.whatsappweb.internal;

import dev.zupa.core.ZupaConfigurationException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.jspecify.annotations.Nullable;

/**
 * Keeps a WhatsApp session to one owner. Two sidecars on one session either fight over the browser profile ("The
 * browser is already running for …/session-id") or log each other out ({@code CONFLICT}); a file lock next to the
 * session turns that into a clear error at start. The operating system releases it when the JVM dies.
 */
final class SessionLock implements AutoCloseable {
    private final FileChannel channel;
    private final FileLock lock;

    private SessionLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the session's lock.
     *
     * @throws ZupaConfigurationException when another transport, in this JVM or another process, holds it
     */
    static SessionLock acquire(Path authDirectory, String clientId) {
        var file = authDirectory.resolve("session-" + clientId + ".lock");
        FileChannel channel;
        try {
            Files.createDirectories(authDirectory);
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw cannotLock(file, e);
        }
        @Nullable FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null; // held by this JVM: another transport here owns the session
        } catch (IOException e) {
            closeQuietly(channel);
            throw cannotLock(file, e);
        }
        if (lock == null) {
            closeQuietly(channel);
            throw new ZupaConfigurationException("the WhatsApp session '" + clientId + "' in "
                    + authDirectory.toAbsolutePath() + " is in use by another whatsapp-web transport; run one per"
                    + " session, or give each its own client id");
        }
        return new SessionLock(channel, lock);
    }

    private static ZupaConfigurationException cannotLock(Path file, IOException e) {
        return new ZupaConfigurationException("cannot lock " + file.toAbsolutePath() + ": " + e.getMessage(), e);
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // Nothing was locked through it.
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            // The channel is gone either way, and with it the lock.
        }
    }
}
