package dev.zupa.adapters.whatsappweb;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Objects;

/**
 * Renders the payload of a {@link dev.zupa.core.transport.TransportEvent.QrRequested} as a QR code to scan with
 * WhatsApp on the phone (Settings → Linked devices → Link a device).
 *
 * <pre>{@code
 * case TransportEvent.QrRequested qr -> System.out.print(QrCodes.terminal(qr.qr()));
 * }</pre>
 *
 * <p>Stateless and thread-safe. Needs no {@code java.desktop}: the PNG encoder is built in.
 *
 * @since 0.1
 */
public final class QrCodes {
    /** The largest PNG side {@link #png} accepts, in pixels. */
    public static final int MAX_PNG_SIZE = 4096;

    private static final char BOTH_LIGHT = '\u2588';
    private static final char TOP_LIGHT = '\u2580';
    private static final char BOTTOM_LIGHT = '\u2584';
    private static final char BOTH_DARK = ' ';

    private QrCodes() {}

    /**
     * The QR code as text for a terminal with a dark background: light modules are drawn with block characters
     * ({@code █ ▀ ▄}), dark modules are left blank, and each line of text holds two rows of modules, with a quiet
     * zone of two modules around the code. On a light background the code shows inverted, which the WhatsApp
     * scanner may refuse; print {@link #png} instead there.
     *
     * @param payload the QR payload; never blank
     * @return the lines, each ending with {@code \n}; never null
     * @throws IllegalArgumentException when the payload is blank or too long for a QR code
     */
    public static String terminal(String payload) {
        var matrix = encode(payload, 0, 2);
        int width = matrix.getWidth();
        int height = matrix.getHeight();
        var text = new StringBuilder((width + 1) * (height + 1) / 2);
        for (int y = 0; y < height; y += 2) {
            for (int x = 0; x < width; x++) {
                boolean topLight = !matrix.get(x, y);
                // Past the last row there is nothing to draw: treat it as dark (blank).
                boolean bottomLight = y + 1 < height && !matrix.get(x, y + 1);
                text.append(
                        topLight ? (bottomLight ? BOTH_LIGHT : TOP_LIGHT) : (bottomLight ? BOTTOM_LIGHT : BOTH_DARK));
            }
            text.append('\n');
        }
        return text.toString();
    }

    /**
     * The QR code as a black-on-white PNG image, with a quiet zone of four modules. The image is {@code size}
     * pixels square, or larger when the code needs more pixels than that (one pixel per module at least).
     *
     * @param payload the QR payload; never blank
     * @param size the side of the image in pixels, from 1 to {@value #MAX_PNG_SIZE}
     * @return the PNG file's bytes; never null
     * @throws IllegalArgumentException when the payload is blank or too long, or the size is out of range
     */
    public static byte[] png(String payload, int size) {
        if (size < 1 || size > MAX_PNG_SIZE) {
            throw new IllegalArgumentException("size must be from 1 to " + MAX_PNG_SIZE + " pixels, was " + size);
        }
        return MonochromePng.encode(encode(payload, size, 4));
    }

    private static BitMatrix encode(String payload, int size, int margin) {
        Objects.requireNonNull(payload, "payload");
        if (payload.isBlank()) {
            throw new IllegalArgumentException("a QR payload must not be blank");
        }
        var hints = new EnumMap<EncodeHintType, Object>(EncodeHintType.class);
        hints.put(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.L);
        hints.put(EncodeHintType.MARGIN, margin);
        // A charset hint adds an ECI header that some scanners trip over; WhatsApp's payloads are ASCII and need none.
        if (!StandardCharsets.ISO_8859_1.newEncoder().canEncode(payload)) {
            hints.put(EncodeHintType.CHARACTER_SET, StandardCharsets.UTF_8.name());
        }
        try {
            return new QRCodeWriter().encode(payload, BarcodeFormat.QR_CODE, size, size, hints);
        } catch (WriterException e) {
            throw new IllegalArgumentException("cannot encode a QR code of " + payload.length() + " characters", e);
        }
    }
}
