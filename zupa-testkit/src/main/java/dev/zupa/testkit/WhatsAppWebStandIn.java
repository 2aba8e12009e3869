package dev.zupa.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Objects;

/**
 * A scripted stand-in for the whatsapp-web.js package ({@code fake-wwebjs.js}): the same {@code Client} events and
 * methods, driven by a JSON script, recording every call. The whatsapp-web transport's sidecar loads it instead of
 * the real package when {@code ZUPA_WWEBJS_MODULE} names it, so the real Node sidecar runs in tests without WhatsApp
 * or a browser. The script format is described at the top of the file.
 *
 * @since 0.1
 */
public final class WhatsAppWebStandIn {
    private static final String RESOURCE = "fake-wwebjs.js";

    private WhatsAppWebStandIn() {}

    /**
     * Writes the stand-in into a directory, where Node can load it (a resource inside a jar is not a file).
     *
     * @param directory an existing directory; never null
     * @return the written file; never null
     * @throws UncheckedIOException when it cannot be written
     */
    public static Path writeTo(Path directory) {
        Objects.requireNonNull(directory, "directory");
        var target = directory.resolve(RESOURCE);
        try (var in = WhatsAppWebStandIn.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the testkit jar lacks " + RESOURCE);
            }
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the whatsapp-web.js stand-in to " + target, e);
        }
    }
}
