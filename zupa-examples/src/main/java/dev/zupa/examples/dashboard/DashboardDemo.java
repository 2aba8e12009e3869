package dev.zupa.examples.dashboard;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;

/**
 * The terminal dashboard on live data: starts the burger shop with its offline script, four scripted customers
 * ordering in a loop, and a management API on a free local port, then opens {@link ZupaDashboard} on it. {@code q}
 * quits and stops everything; the conversations live in a temporary directory that is deleted then.
 *
 * <pre>
 * mvn -B -q -pl zupa-examples -am package -Pdemo -DskipTests -Ddemo.main=dev.zupa.examples.dashboard.DashboardDemo
 * </pre>
 *
 * @since 0.1
 */
public final class DashboardDemo {
    private DashboardDemo() {}

    /**
     * Runs the demo until {@code q}.
     *
     * @param args ignored
     * @throws IOException when the temporary directory cannot be created
     */
    public static void main(String[] args) throws IOException {
        var dir = Files.createTempDirectory("zupa-dashboard-demo");
        // every log line goes to a file: one printed on the terminal would tear through the dashboard
        System.setProperty(
                "org.slf4j.simpleLogger.logFile", dir.resolve("demo.log").toString());
        // Hibernate Validator logs through JBoss Logging, which would print to java.util.logging; route it to SLF4J
        System.setProperty("org.jboss.logging.provider", "slf4j");
        int status;
        try {
            status = run(dir, System.err);
        } finally {
            delete(dir);
        }
        if (status != 0) {
            System.exit(status);
        }
    }

    static int run(Path dir, PrintStream err) {
        try (var shop = DemoShop.open(dir.resolve("burgers.db"), true);
                var client = new ManagementClient(shop.uri(), shop.token())) {
            return ZupaDashboard.open(client, err);
        }
    }

    private static void delete(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
