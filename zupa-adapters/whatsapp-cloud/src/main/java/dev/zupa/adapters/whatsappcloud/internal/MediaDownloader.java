package dev.zupa.adapters.whatsappcloud.internal;

import dev.zupa.core.provider.ProviderErrorKind;
import dev.zupa.core.speech.AudioClip;
import dev.zupa.core.transport.MediaRef;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import okhttp3.HttpUrl;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Downloads inbound media: asks the Graph API for the media's short-lived URL, fetches it with the access token,
 * and checks size and SHA-256. The URL lives about five minutes, so a 401, 403 or 404 on the download fetches the
 * metadata once more and tries the fresh URL once.
 */
public final class MediaDownloader {
    private static final Logger LOG = LoggerFactory.getLogger(MediaDownloader.class);

    private final GraphClient graph;
    private final GraphErrors errors;
    private final long maxBytes;

    /**
     * A downloader.
     *
     * @param graph the Graph client; never null
     * @param errors the error mapping; never null
     * @param maxBytes the largest media accepted, in bytes
     */
    public MediaDownloader(GraphClient graph, GraphErrors errors, long maxBytes) {
        this.graph = graph;
        this.errors = errors;
        this.maxBytes = maxBytes;
    }

    /**
     * Downloads and checks a media object.
     *
     * @param media the handle from the inbound message; never null
     * @return the bytes with the handle's media type (it carries the codecs parameter the metadata lacks)
     * @throws dev.zupa.core.provider.ProviderException {@code BAD_REQUEST} when the media is too large or its URL
     *     is not trustworthy, {@code INVALID_RESPONSE} when it is empty or its hash does not match, otherwise as
     *     the error table maps the failure
     */
    public AudioClip download(MediaRef media) {
        var metadata = checked(graph.mediaMetadata(media.id()), media);
        var result = graph.download(metadata.url(), maxBytes);
        if (result instanceof GraphClient.Download.Expired expired) {
            LOG.debug("media {} url answered {}; fetching a fresh url once", media.id(), expired.status());
            metadata = checked(graph.mediaMetadata(media.id()), media);
            result = graph.download(metadata.url(), maxBytes);
        }
        return switch (result) {
            case GraphClient.Download.Expired expired ->
                throw errors.failure(
                        expired.status() == 404 ? ProviderErrorKind.BAD_REQUEST : ProviderErrorKind.AUTHENTICATION,
                        "media " + media.id() + " could not be downloaded: HTTP " + expired.status()
                                + " twice, with a fresh url the second time",
                        null);
            case GraphClient.Download.Bytes bytes -> clip(media, metadata, bytes.data());
        };
    }

    private GraphClient.MediaMetadata checked(GraphClient.MediaMetadata metadata, MediaRef media) {
        if (metadata.fileSize() != null && metadata.fileSize() > maxBytes) {
            throw errors.failure(
                    ProviderErrorKind.BAD_REQUEST,
                    "media " + media.id() + " has " + metadata.fileSize() + " bytes, more than the " + maxBytes
                            + " accepted",
                    null);
        }
        if (!trusted(metadata.url())) {
            // the token goes with the download; never send it in clear text to a host other than the Graph API's
            throw errors.failure(
                    ProviderErrorKind.BAD_REQUEST,
                    "media " + media.id() + " url is neither https nor on the Graph API host: "
                            + metadata.url().host(),
                    null);
        }
        return metadata;
    }

    private boolean trusted(HttpUrl url) {
        return url.isHttps() || url.host().equals(graph.root().host());
    }

    private AudioClip clip(MediaRef media, GraphClient.MediaMetadata metadata, byte[] data) {
        if (data.length == 0) {
            throw errors.failure(ProviderErrorKind.INVALID_RESPONSE, "media " + media.id() + " is empty", null);
        }
        var expected = metadata.sha256() == null ? Optional.<byte[]>empty() : decodeHash(metadata.sha256());
        if (expected.isPresent() && !MessageDigest.isEqual(expected.get(), sha256(data))) {
            throw errors.failure(
                    ProviderErrorKind.INVALID_RESPONSE,
                    "media " + media.id() + " does not match its sha256; the download is corrupt or was replaced",
                    null);
        }
        if (expected.isEmpty()) {
            LOG.debug("media {} has no usable sha256; not verified", media.id());
        }
        return new AudioClip(data, media.mimeType());
    }

    /** Meta's samples show hex; some payloads carry base64. Either decodes to the 32 digest bytes. */
    static Optional<byte[]> decodeHash(@Nullable String text) {
        if (text == null) {
            return Optional.empty();
        }
        String value = text.trim();
        try {
            if (value.length() == 64) {
                return Optional.of(HexFormat.of().parseHex(value.toLowerCase(Locale.ROOT)));
            }
            byte[] decoded = value.contains("-") || value.contains("_")
                    ? Base64.getUrlDecoder().decode(value)
                    : Base64.getDecoder().decode(value);
            return decoded.length == 32 ? Optional.of(decoded) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available in this JVM", e);
        }
    }
}
