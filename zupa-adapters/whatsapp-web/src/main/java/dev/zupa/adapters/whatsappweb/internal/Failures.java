package dev.zupa.adapters.whatsappweb.internal;

import dev.zupa.core.provider.ProviderErrorKind;
import dev.zupa.core.provider.ProviderException;

/** The transport's {@link ProviderException}s, all with the vendor {@value #VENDOR}. */
public final class Failures {
    /** The vendor name in every exception. */
    public static final String VENDOR = "whatsapp-web";

    private Failures() {}

    /**
     * An exception of a kind.
     *
     * @param kind what went wrong
     * @param message what happened
     * @return the exception
     */
    public static ProviderException of(ProviderErrorKind kind, String message) {
        return ProviderException.builder(kind, VENDOR, message).build();
    }

    /**
     * The exception for a sidecar's error reply.
     *
     * @param command the command that failed, such as {@code send_text}
     * @param code the sidecar's error code ({@code not_ready}, {@code bad_request}, {@code media_unavailable},
     *     {@code failed})
     * @param error the sidecar's message
     * @return the exception, transient unless the request itself was wrong or the media is gone
     */
    public static ProviderException fromReply(String command, String code, String error) {
        var kind =
                switch (code) {
                    case "bad_request", "media_unavailable" -> ProviderErrorKind.BAD_REQUEST;
                    // not_ready: WhatsApp Web is (re)connecting. failed: puppeteer or WhatsApp Web threw, which is
                    // most often a page that is reloading; both may succeed later.
                    default -> ProviderErrorKind.UNAVAILABLE;
                };
        var message = "media_unavailable".equals(code)
                ? error + "; ask the sender to send it again"
                : command + " failed: " + error;
        return ProviderException.builder(kind, VENDOR, message).code(code).build();
    }
}
