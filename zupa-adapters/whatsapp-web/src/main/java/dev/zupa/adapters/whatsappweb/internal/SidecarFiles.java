package dev.zupa.adapters.whatsappweb.internal;

import dev.zupa.core.ZupaConfigurationException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.List;

/** Copies the sidecar's JavaScript and npm manifests out of the jar into the directory Node runs it from. */
public final class SidecarFiles {
    /** The script Node runs. */
    public static final String SCRIPT = "sidecar.js";

    private static final String RESOURCES = "/dev/zupa/adapters/whatsappweb/sidecar/";

    /** Puppeteer's settings file is a dotfile, which jars and IDEs tend to hide: its resource has no dot. */
    private static final List<Entry> FILES = List.of(
            new Entry("sidecar.js", SCRIPT),
            new Entry("package.json", "package.json"),
            new Entry("package-lock.json", "package-lock.json"),
            new Entry("puppeteerrc.cjs", ".puppeteerrc.cjs"));

    /** A resource in the jar and the file it becomes. */
    private record Entry(String resource, String file) {}

    private SidecarFiles() {}

    /**
     * Writes the sidecar into a directory, creating it. Files that already hold the same bytes are left alone, so
     * that an installed {@code node_modules} next to them stays valid and their timestamps do not change.
     *
     * @param directory where to write
     * @return the directory
     * @throws ZupaConfigurationException when the directory cannot be written
     */
    public static Path extract(Path directory) {
        try {
            Files.createDirectories(directory);
            for (var file : FILES) {
                write(resource(file.resource()), directory.resolve(file.file()));
            }
            return directory;
        } catch (IOException | UncheckedIOException e) {
            throw new ZupaConfigurationException(
                    "cannot write the whatsapp-web sidecar to " + directory.toAbsolutePath() + ": " + e.getMessage(),
                    e);
        }
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = SidecarFiles.class.getResourceAsStream(RESOURCES + name)) {
            if (in == null) {
                throw new IOException("the jar lacks " + RESOURCES + name);
            }
            return in.readAllBytes();
        }
    }

    private static void write(byte[] content, Path target) throws IOException {
        if (Files.isRegularFile(target) && Arrays.equals(Files.readAllBytes(target), content)) {
            return;
        }
        // Write beside the target and move it in, so a sidecar starting meanwhile never reads half a file.
        var temporary =
                Files.createTempFile(target.getParent(), target.getFileName().toString(), ".tmp");
        try {
            Files.write(temporary, content);
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}
