package dev.zupa.engine.checkpoint;

import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * The stored value of one channel at one version: either the whole value ({@link Kind#FULL}) or only what this
 * version added to the version before it ({@link Kind#DELTA}, for appending channels). The data is opaque JSON bytes
 * that only the engine decodes.
 *
 * <p>A version string is unique within a thread, across forks, so a blob is keyed by thread, namespace, channel and
 * version alone.
 *
 * @param channel the channel name; never null
 * @param version the version this blob holds; never null
 * @param kind whole value or increment; never null
 * @param baseVersion for a delta, the version it extends (empty when it extends an empty channel); never null
 * @param data the encoded value or increment; never null
 * @since 0.1
 */
public record ChannelBlob(String channel, String version, Kind kind, Optional<String> baseVersion, byte[] data) {
    /** Validates the components. */
    public ChannelBlob {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(baseVersion, "baseVersion");
        Objects.requireNonNull(data, "data");
        if (kind == Kind.FULL && baseVersion.isPresent()) {
            throw new IllegalArgumentException("a FULL blob has no base version (channel " + channel + ")");
        }
    }

    /** Whether a blob holds the whole value or an increment. */
    public enum Kind {
        /** The whole value. */
        FULL,
        /** What this version added to {@code baseVersion}. */
        DELTA
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ChannelBlob b
                && channel.equals(b.channel)
                && version.equals(b.version)
                && kind == b.kind
                && baseVersion.equals(b.baseVersion)
                && Arrays.equals(data, b.data);
    }

    @Override
    public int hashCode() {
        return Objects.hash(channel, version, kind, baseVersion, Arrays.hashCode(data));
    }

    @Override
    public String toString() {
        return "ChannelBlob[" + channel + "@" + version + ", " + kind + ", " + data.length + " bytes]";
    }
}
