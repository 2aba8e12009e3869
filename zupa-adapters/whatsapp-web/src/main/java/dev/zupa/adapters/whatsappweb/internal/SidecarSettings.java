package dev.zupa.adapters.whatsappweb.internal;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How to run and supervise the sidecar.
 *
 * @param node the Node.js executable, a command name or a path
 * @param directory where the sidecar's files are extracted and Node runs
 * @param nodeModules a {@code node_modules} directory installed elsewhere, handed to Node as {@code NODE_PATH}
 * @param authDirectory the {@code LocalAuth} data path, where the logged-in session survives restarts
 * @param clientId the {@code LocalAuth} client id, which names the session's folder
 * @param chromium the browser executable
 * @param backoff the delays between restarts
 * @param readyTimeout how long after {@code authenticated} to wait for {@code ready} before restarting
 * @param shutdownTimeout how long {@code close()} waits for the sidecar to stop by itself
 * @param environment more environment variables for Node
 */
public record SidecarSettings(
        String node,
        Path directory,
        Optional<Path> nodeModules,
        Path authDirectory,
        String clientId,
        Path chromium,
        Backoff backoff,
        Duration readyTimeout,
        Duration shutdownTimeout,
        Map<String, String> environment) {

    /** Validates the settings and copies the environment. */
    public SidecarSettings {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(nodeModules, "nodeModules");
        Objects.requireNonNull(authDirectory, "authDirectory");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(chromium, "chromium");
        Objects.requireNonNull(backoff, "backoff");
        Objects.requireNonNull(readyTimeout, "readyTimeout");
        Objects.requireNonNull(shutdownTimeout, "shutdownTimeout");
        environment = Map.copyOf(environment);
    }

    /**
     * The process to start: Node on the extracted script, with the settings in its environment.
     *
     * @return a builder with pipes for all three streams
     */
    public ProcessBuilder processBuilder() {
        var builder = new ProcessBuilder(
                        node, directory.resolve(SidecarFiles.SCRIPT).toString())
                .directory(directory.toFile());
        var env = builder.environment();
        env.put("ZUPA_WWEBJS_DATA_PATH", authDirectory.toAbsolutePath().toString());
        env.put("ZUPA_WWEBJS_CLIENT_ID", clientId);
        env.put("ZUPA_WWEBJS_CHROMIUM", chromium.toString());
        // Puppeteer must drive the system browser and never fetch its own.
        env.put("PUPPETEER_SKIP_DOWNLOAD", "true");
        nodeModules.ifPresent(path -> env.put("NODE_PATH", path.toAbsolutePath().toString()));
        env.putAll(environment);
        return builder;
    }
}
