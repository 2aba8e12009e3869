package dev.zupa.adapters.whatsappweb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.LuminanceSource;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** The QR code renderings decode back to the payload, read by ZXing's own decoder. */
class QrCodesTest {
    /** Shaped like a whatsapp-web.js QR payload (ref, public keys, advertising secret). */
    private static final String PAYLOAD = "2@y8ZpNqA1B2C3D4E5F6G7H8I9J0KLmnOPqrSTuvWXyz0123456789abcdefGHIJKLMNOPQR=="
            + ",Rk9PQkFSZm9vYmFyZm9vYmFyZm9vYmFyZm9vYmFyZm9vYmE=,QkFaUVVYYmF6cXV4YmF6cXV4YmF6cXV4YmF6cXV4YmE="
            + ",U0VDUkVUc2VjcmV0c2VjcmV0c2VjcmV0c2VjcmV0c2U=,1";

    @Test
    void terminalRenderingDecodesToThePayload() throws Exception {
        var text = QrCodes.terminal(PAYLOAD);

        assertThat(text).endsWith("\n").matches("[█▀▄ \n]+");
        assertThat(decode(fromBlocks(text))).isEqualTo(PAYLOAD);
    }

    @Test
    void pngDecodesToThePayloadAndHasTheRequestedSize() throws Exception {
        var png = QrCodes.png(PAYLOAD, 400);

        assertThat(png).startsWith(0x89, 'P', 'N', 'G');
        var image = ImageIO.read(new ByteArrayInputStream(png));
        assertThat(image.getWidth()).isEqualTo(400);
        assertThat(image.getHeight()).isEqualTo(400);
        assertThat(image.getRGB(0, 0) & 0xffffff).isEqualTo(0xffffff);
        var pixels = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
        assertThat(decode(new RGBLuminanceSource(image.getWidth(), image.getHeight(), pixels)))
                .isEqualTo(PAYLOAD);
    }

    @Test
    void pngGrowsWhenTheCodeNeedsMorePixels() throws IOException {
        var image = ImageIO.read(new ByteArrayInputStream(QrCodes.png(PAYLOAD, 10)));

        assertThat(image.getWidth()).isGreaterThan(10).isEqualTo(image.getHeight());
    }

    @Test
    void rejectsBadInput() {
        assertThatThrownBy(() -> QrCodes.terminal(" "))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a QR payload must not be blank");
        assertThatThrownBy(() -> QrCodes.png(PAYLOAD, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("size must be from 1 to 4096 pixels, was 0");
        assertThatThrownBy(() -> QrCodes.terminal("x".repeat(8000)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cannot encode a QR code of 8000 characters");
    }

    /** Redraws the half blocks as pixels, four per module, light modules white. */
    private static LuminanceSource fromBlocks(String text) {
        var lines = text.split("\n");
        int scale = 4;
        int width = lines[0].length() * scale;
        int height = lines.length * 2 * scale;
        var pixels = new int[width * height];
        for (int row = 0; row < lines.length; row++) {
            for (int column = 0; column < lines[row].length(); column++) {
                char block = lines[row].charAt(column);
                boolean top = block == '█' || block == '▀';
                boolean bottom = block == '█' || block == '▄';
                for (int dy = 0; dy < 2 * scale; dy++) {
                    boolean light = dy < scale ? top : bottom;
                    for (int dx = 0; dx < scale; dx++) {
                        int y = row * 2 * scale + dy;
                        int x = column * scale + dx;
                        pixels[y * width + x] = light ? 0xffffff : 0x000000;
                    }
                }
            }
        }
        return new RGBLuminanceSource(width, height, pixels);
    }

    private static String decode(LuminanceSource source) throws Exception {
        return new QRCodeReader()
                .decode(new BinaryBitmap(new HybridBinarizer(source)))
                .getText();
    }
}
