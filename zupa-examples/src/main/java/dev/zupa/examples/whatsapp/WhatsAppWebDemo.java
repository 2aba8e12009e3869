package dev.zupa.examples.whatsapp;

import dev.zupa.adapters.whatsappweb.WhatsAppWebTransport;
import dev.zupa.core.ZupaConfigurationException;
import dev.zupa.examples.burgers.BurgerShop;
import dev.zupa.runtime.Agent;
import java.io.File;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Map;
import java.util.Optional;

/**
 * The burger shop on an ordinary WhatsApp account, through whatsapp-web.js: a Node.js sidecar drives WhatsApp Web in
 * a headless Chromium, and you log in by scanning the QR code the demo prints in the terminal.
 *
 * <pre>
 * mvn -B -q -pl zupa-examples -am package -Pdemo -DskipTests -Ddemo.main=dev.zupa.examples.whatsapp.WhatsAppWebDemo
 * cd zupa-data/whatsapp-web/sidecar &amp;&amp; PUPPETEER_SKIP_DOWNLOAD=true npm ci     # once, after the first run wrote the sidecar
 * </pre>
 *
 * <p>Unofficial: WhatsApp may block accounts that use it, so use a number you can afford to lose. The demo needs
 * Node.js 18 or newer on the {@code PATH}, the sidecar's npm packages (in {@code zupa-data/whatsapp-web/sidecar}, or
 * a {@code node_modules} named by {@code WHATSAPP_WEB_NODE_MODULES}) and Chromium ({@code /usr/bin/chromium}, or
 * {@code WHATSAPP_WEB_CHROMIUM}); when one is missing it stops at once and says how to get it. The login is kept in
 * {@code zupa-data/whatsapp-web/auth}, so the QR code is asked for once; conversations in
 * {@code zupa-data/whatsapp-web.db}. With {@code OPENAI_API_KEY} set, OpenAI answers, transcribes and speaks. Ctrl-C
 * stops the demo.
 */
public final class WhatsAppWebDemo {
    static final Path HOME = Path.of("zupa-data", "whatsapp-web");
    static final Path DATA_FILE = Path.of("zupa-data", "whatsapp-web.db");
    static final String NODE_MODULES = "WHATSAPP_WEB_NODE_MODULES";
    static final String CHROMIUM = "WHATSAPP_WEB_CHROMIUM";
    static final Path DEFAULT_CHROMIUM = Path.of("/usr/bin/chromium");

    private WhatsAppWebDemo() {}

    /**
     * Runs the demo until the process is stopped; exits with status 2 and a message when something it needs is
     * missing.
     *
     * @param args ignored
     * @throws InterruptedException when interrupted while serving
     */
    public static void main(String[] args) throws InterruptedException {
        // Hibernate Validator logs through JBoss Logging, which would print to java.util.logging; route it to SLF4J
        System.setProperty("org.jboss.logging.provider", "slf4j");
        Agent agent;
        try {
            agent = start(transport(System.getenv(), HOME), System.getenv(), DATA_FILE, System.out);
        } catch (SetupException e) {
            System.err.println("WhatsAppWebDemo cannot start: " + e.getMessage());
            System.exit(2);
            return;
        }
        WhatsAppShop.serveUntilStopped(agent, System.out);
    }

    /**
     * The transport for a home directory ({@code sidecar/} and {@code auth/} in it), once everything it needs is
     * there: writes the sidecar's files, then checks for Node.js, whatsapp-web.js and Chromium.
     *
     * @throws SetupException listing everything that is missing, with how to get it
     */
    static WhatsAppWebTransport.Builder transport(Map<String, String> environment, Path home) {
        var sidecar = home.toAbsolutePath().resolve("sidecar");
        try {
            WhatsAppWebTransport.extractSidecar(sidecar);
        } catch (ZupaConfigurationException e) {
            throw new SetupException(e.getMessage());
        }
        var problems = new ArrayList<String>();
        var node = onPath("node", environment.getOrDefault("PATH", ""));
        if (node.isEmpty()) {
            problems.add("Node.js (18 or newer) is not on the PATH: install it, e.g. apt-get install -y nodejs npm");
        }
        var nodeModules = value(environment, NODE_MODULES).map(Path::of);
        var library = nodeModules.orElse(sidecar.resolve("node_modules")).resolve("whatsapp-web.js");
        if (!Files.isDirectory(library)) {
            problems.add(
                    nodeModules.isPresent()
                            ? NODE_MODULES + " names " + nodeModules.get() + ", which has no whatsapp-web.js"
                            : "the sidecar's npm packages are not installed: run  cd " + sidecar
                                    + " && PUPPETEER_SKIP_DOWNLOAD=true npm ci  (about 90 MB; or set " + NODE_MODULES
                                    + " to a node_modules that has them)");
        }
        var chromium = value(environment, CHROMIUM).map(Path::of).orElse(DEFAULT_CHROMIUM);
        if (!Files.isExecutable(chromium)) {
            problems.add("no Chromium at " + chromium + ": install it (apt-get install -y chromium) or set " + CHROMIUM
                    + " to the browser's path");
        }
        if (!problems.isEmpty()) {
            throw SetupException.of(problems);
        }
        var builder = WhatsAppWebTransport.builder()
                .node(node.orElseThrow().toString())
                .sidecarDirectory(sidecar)
                .authDirectory(home.toAbsolutePath().resolve("auth"))
                .chromium(chromium);
        nodeModules.ifPresent(builder::nodeModules);
        return builder;
    }

    /**
     * Builds and starts the agent on the transport; the QR code and the connection events follow on {@code out}.
     *
     * @throws SetupException when the sidecar cannot start, or another process holds the login
     */
    static Agent start(
            WhatsAppWebTransport.Builder whatsapp, Map<String, String> environment, Path dataFile, PrintStream out) {
        var transport = whatsapp.build();
        var agent = WhatsAppShop.builder(transport, environment, dataFile)
                .listener(new ConversationLog(
                        BurgerShop.NAME, "[demo] ready: write to this WhatsApp account from another phone", out))
                .build();
        out.println(String.join(
                "\n",
                "Zupa Burgers on WhatsApp Web. Unofficial: WhatsApp may block accounts that use it; use a number you"
                        + " can afford to lose.",
                WhatsAppShop.providersLine(environment),
                "Conversations are kept in " + dataFile + ", the login in " + transport.authDirectory() + ".",
                "Starting WhatsApp Web; a QR code to scan follows unless you are still logged in.",
                "Then write to this account from another phone: hi | menu | add 2 cheeseburger | confirm, or send a"
                        + " voice note.",
                "Ctrl-C stops the demo.",
                ""));
        try {
            agent.start();
        } catch (ZupaConfigurationException e) {
            agent.close();
            throw new SetupException(e.getMessage());
        }
        return agent;
    }

    private static Optional<Path> onPath(String command, String path) {
        for (var directory : path.split(File.pathSeparator)) {
            if (!directory.isBlank()) {
                var candidate = Path.of(directory, command);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<String> value(Map<String, String> environment, String name) {
        return Optional.ofNullable(environment.get(name)).map(String::strip).filter(v -> !v.isEmpty());
    }
}
