package dev.zupa.runtime.management.internal;

import com.sun.net.httpserver.HttpExchange;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Checks the bearer token. Both sides are hashed before the constant-time comparison, so neither the content nor the
 * length of the token leaks through timing. The token may come in the query string ({@code ?token=}) for GET requests
 * only, because a browser's {@code EventSource} and a page address cannot carry a header; a GET changes nothing.
 */
final class TokenCheck {
    private final byte[] expected;

    TokenCheck(String token) {
        this.expected = sha256(token);
    }

    boolean allows(HttpExchange exchange, Call call) {
        var header = exchange.getRequestHeaders().getFirst("Authorization");
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return matches(header.substring(7).strip());
        }
        if (call.method().equals("GET")) {
            return call.query("token").map(this::matches).orElse(false);
        }
        return false;
    }

    private boolean matches(String given) {
        return MessageDigest.isEqual(expected, sha256(given));
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
