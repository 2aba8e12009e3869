package dev.zupa.adapters.whatsappweb;

import com.google.zxing.common.BitMatrix;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.DeflaterOutputStream;

/**
 * Writes a bit matrix as a 1-bit greyscale PNG. A few lines of {@code java.util.zip} instead of
 * {@code javax.imageio}, which would pull {@code java.desktop} into servers that never draw anything.
 */
final class MonochromePng {
    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    private MonochromePng() {}

    /** Set bits are black, clear bits white. */
    static byte[] encode(BitMatrix matrix) {
        int width = matrix.getWidth();
        int height = matrix.getHeight();
        try {
            var png = new ByteArrayOutputStream();
            png.write(SIGNATURE);
            var header = new ByteArrayOutputStream();
            var fields = new DataOutputStream(header);
            fields.writeInt(width);
            fields.writeInt(height);
            fields.writeByte(1); // bit depth
            fields.writeByte(0); // colour type: greyscale
            fields.writeByte(0); // compression: deflate
            fields.writeByte(0); // filter method: adaptive
            fields.writeByte(0); // interlace: none
            chunk(png, "IHDR", header.toByteArray());
            chunk(png, "IDAT", pixels(matrix, width, height));
            chunk(png, "IEND", new byte[0]);
            return png.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        }
    }

    private static byte[] pixels(BitMatrix matrix, int width, int height) throws IOException {
        var compressed = new ByteArrayOutputStream();
        try (var out = new DeflaterOutputStream(compressed)) {
            var row = new byte[(width + 7) / 8];
            for (int y = 0; y < height; y++) {
                java.util.Arrays.fill(row, (byte) 0);
                for (int x = 0; x < width; x++) {
                    if (!matrix.get(x, y)) { // a 1 bit is white in greyscale
                        row[x / 8] |= (byte) (0x80 >>> (x % 8));
                    }
                }
                out.write(0); // filter type: none
                out.write(row);
            }
        }
        return compressed.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream png, String type, byte[] data) throws IOException {
        var out = new DataOutputStream(png);
        var typeBytes = type.getBytes(StandardCharsets.US_ASCII);
        out.writeInt(data.length);
        out.write(typeBytes);
        out.write(data);
        var crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        out.writeInt((int) crc.getValue());
    }
}
