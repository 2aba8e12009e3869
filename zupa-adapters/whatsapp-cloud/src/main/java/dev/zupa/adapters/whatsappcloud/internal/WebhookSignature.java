package dev.zupa.adapters.whatsappcloud.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * Checks {@code X-Hub-Signature-256}: {@code sha256=} and the lowercase hex HMAC-SHA256 of the raw request body,
 * keyed with the app secret. The check runs on the bytes as received, because Meta signs the payload as it sent it
 * (non-ASCII characters escaped as a backslash, {@code u} and four hex digits); a decoded and re-encoded body has
 * another digest.
 */
public final class WebhookSignature {
    /** The header Meta signs webhooks with. */
    public static final String HEADER = "X-Hub-Signature-256";

    private static final String ALGORITHM = "HmacSHA256";
    private static final String PREFIX = "sha256=";

    private final SecretKeySpec key;

    /**
     * A checker for one app.
     *
     * @param appSecret the Meta app secret; never blank
     */
    public WebhookSignature(String appSecret) {
        Objects.requireNonNull(appSecret, "appSecret");
        this.key = new SecretKeySpec(appSecret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
    }

    /**
     * Whether a header value is the signature of a body. Compares in constant time, so that the time taken does not
     * reveal how much of a forged signature was right; a missing header, another prefix or uppercase hex all fail.
     *
     * @param header the header value, or null when the request had none
     * @param body the raw body
     * @return true when the signature matches
     */
    public boolean verify(@Nullable String header, byte[] body) {
        if (header == null) {
            return false;
        }
        byte[] expected = sign(body).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, header.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The header value Meta would send for a body.
     *
     * @param body the raw body
     * @return {@code sha256=<lowercase hex>}; never null
     */
    public String sign(byte[] body) {
        try {
            var mac = Mac.getInstance(ALGORITHM); // a Mac is stateful, so one per call
            mac.init(key);
            return PREFIX + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
        }
    }

    @Override
    public String toString() {
        return "WebhookSignature[appSecret=[redacted]]";
    }
}
