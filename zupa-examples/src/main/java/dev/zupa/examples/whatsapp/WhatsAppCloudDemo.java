package dev.zupa.examples.whatsapp;

import dev.zupa.adapters.whatsappcloud.WhatsAppCloudTransport;
import dev.zupa.core.ZupaConfigurationException;
import dev.zupa.examples.burgers.BurgerShop;
import dev.zupa.runtime.Agent;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The burger shop on a WhatsApp Business number, through Meta's Cloud API: the transport's standalone listener
 * takes the signed webhooks, and replies (text, or voice notes to voice notes) go out through the Graph API.
 *
 * <pre>
 * export WHATSAPP_ACCESS_TOKEN=... WHATSAPP_APP_SECRET=... WHATSAPP_VERIFY_TOKEN=... WHATSAPP_PHONE_NUMBER_ID=...
 * mvn -B -q -pl zupa-examples -am package -Pdemo -DskipTests -Ddemo.main=dev.zupa.examples.whatsapp.WhatsAppCloudDemo
 * </pre>
 *
 * <p>The listener answers on {@code /webhook}, port 8080, or the port of {@code --port=N} or
 * {@code WHATSAPP_WEBHOOK_PORT}; Meta needs it behind HTTPS (a tunnel such as cloudflared while developing). With
 * {@code OPENAI_API_KEY} set, OpenAI answers, transcribes and speaks; otherwise the offline script and the
 * examples' fake voice do. Conversations are kept in {@code zupa-data/whatsapp-cloud.db}. Ctrl-C stops the demo.
 * A missing setting stops it at once with a message naming it.
 */
public final class WhatsAppCloudDemo {
    static final Path DATA_FILE = Path.of("zupa-data", "whatsapp-cloud.db");
    static final String ACCESS_TOKEN = "WHATSAPP_ACCESS_TOKEN";
    static final String APP_SECRET = "WHATSAPP_APP_SECRET";
    static final String VERIFY_TOKEN = "WHATSAPP_VERIFY_TOKEN";
    static final String PHONE_NUMBER_ID = "WHATSAPP_PHONE_NUMBER_ID";
    static final String WEBHOOK_PORT = "WHATSAPP_WEBHOOK_PORT";
    /** Optional: another Graph API host; the tests point it at a fake. */
    static final String GRAPH_URL = "WHATSAPP_GRAPH_URL";

    static final int DEFAULT_PORT = 8080;

    private WhatsAppCloudDemo() {}

    /**
     * Runs the demo until the process is stopped; exits with status 2 and a message when a setting is missing.
     *
     * @param args {@code --port=N} to listen on another port than 8080
     * @throws InterruptedException when interrupted while serving
     */
    public static void main(String[] args) throws InterruptedException {
        // Hibernate Validator logs through JBoss Logging, which would print to java.util.logging; route it to SLF4J
        System.setProperty("org.jboss.logging.provider", "slf4j");
        Agent agent;
        try {
            agent = start(System.getenv(), List.of(args), DATA_FILE, System.out);
        } catch (SetupException e) {
            System.err.println("WhatsAppCloudDemo cannot start: " + e.getMessage());
            System.exit(2);
            return;
        }
        WhatsAppShop.serveUntilStopped(agent, System.out);
    }

    /**
     * Builds and starts the agent on a Cloud API transport whose listener is open when this returns.
     *
     * @throws SetupException naming every missing or invalid setting, or the port that is taken
     */
    static Agent start(Map<String, String> environment, List<String> args, Path dataFile, PrintStream out) {
        var transport = transport(environment, port(environment, args));
        var agent = WhatsAppShop.builder(transport, environment, dataFile)
                .listener(new ConversationLog(BurgerShop.NAME, "[demo] the webhook listener is open", out))
                .build();
        try {
            agent.start();
        } catch (ZupaConfigurationException e) {
            agent.close();
            throw new SetupException(e.getMessage());
        }
        var address = transport.listenerAddress().orElseThrow();
        out.println(String.join(
                "\n",
                "Zupa Burgers on WhatsApp (Cloud API). Conversations are kept in " + dataFile + ".",
                WhatsAppShop.providersLine(environment),
                "Listening for webhooks on port " + address.getPort() + ", path "
                        + WhatsAppCloudTransport.DEFAULT_LISTEN_PATH + ".",
                "Meta needs HTTPS: expose the port (e.g. cloudflared tunnel --url http://localhost:" + address.getPort()
                        + "), set <https url>" + WhatsAppCloudTransport.DEFAULT_LISTEN_PATH + " as the callback URL"
                        + " with your verify token, and subscribe to 'messages'.",
                "Then write to your business number: hi | menu | add 2 cheeseburger | confirm, or send a voice note.",
                "Ctrl-C stops the demo.",
                ""));
        return agent;
    }

    private static WhatsAppCloudTransport transport(Map<String, String> environment, int port) {
        var missing = new ArrayList<String>();
        for (var name : List.of(ACCESS_TOKEN, APP_SECRET, VERIFY_TOKEN, PHONE_NUMBER_ID)) {
            if (value(environment, name).isEmpty()) {
                missing.add(name);
            }
        }
        if (!missing.isEmpty()) {
            throw new SetupException("set the environment variable" + (missing.size() == 1 ? " " : "s ")
                    + String.join(", ", missing) + " (from your Meta app: see docs/adapters/whatsapp-cloud.md)");
        }
        var phoneNumberId = value(environment, PHONE_NUMBER_ID).orElseThrow();
        if (!phoneNumberId.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new SetupException(PHONE_NUMBER_ID + " must be the numeric phone number id from the app's API"
                    + " Setup page (not the phone number), was '" + phoneNumberId + "'");
        }
        var builder = WhatsAppCloudTransport.builder()
                .accessToken(value(environment, ACCESS_TOKEN).orElseThrow())
                .appSecret(value(environment, APP_SECRET).orElseThrow())
                .verifyToken(value(environment, VERIFY_TOKEN).orElseThrow())
                .phoneNumberId(phoneNumberId)
                .listenPort(port);
        value(environment, GRAPH_URL).ifPresent(url -> {
            try {
                builder.graphBaseUrl(url);
            } catch (IllegalArgumentException e) {
                throw new SetupException(GRAPH_URL + ": " + e.getMessage());
            }
        });
        return builder.build();
    }

    /** {@code --port=N} beats {@code WHATSAPP_WEBHOOK_PORT}, which beats 8080. */
    private static int port(Map<String, String> environment, List<String> args) {
        var fromArgs = args.stream()
                .filter(arg -> arg.startsWith("--port="))
                .map(arg -> arg.substring("--port=".length()))
                .reduce((first, last) -> last);
        var text = fromArgs.or(() -> value(environment, WEBHOOK_PORT));
        if (text.isEmpty()) {
            return DEFAULT_PORT;
        }
        var source = fromArgs.isPresent() ? "--port" : WEBHOOK_PORT;
        try {
            int port = Integer.parseInt(text.get().strip());
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below with the other invalid values
        }
        throw new SetupException(source + " must be a port number from 0 to 65535, was '" + text.get() + "'");
    }

    private static Optional<String> value(Map<String, String> environment, String name) {
        return Optional.ofNullable(environment.get(name)).map(String::strip).filter(v -> !v.isEmpty());
    }
}
