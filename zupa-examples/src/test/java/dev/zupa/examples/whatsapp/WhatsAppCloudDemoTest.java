package dev.zupa.examples.whatsapp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zupa.runtime.Agent;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The Cloud API demo as a user runs it: its settings from the environment, and a conversation over webhooks. */
@Timeout(60)
class WhatsAppCloudDemoTest {
    @TempDir
    Path dir;

    private final FakeGraphApi graph = FakeGraphApi.start();
    private final DemoOutput output = new DemoOutput();
    private Agent agent;

    @AfterEach
    void close() {
        if (agent != null) {
            agent.close();
        }
        graph.close();
    }

    @Test
    void answersMetasHandshakeAndAWebhookThroughTheGraphApi() throws Exception {
        agent = start(CloudFixtures.environment(graph.url()), "--port=0");
        int port = Integer.parseInt(output.text().replaceAll("(?s).*Listening for webhooks on port (\\d+).*", "$1"));

        var handshake = CloudFixtures.verify(port, "1158201444");
        var answer = CloudFixtures.post(port, CloudFixtures.textWebhook("wamid.DEMO1", "hi"));

        assertThat(handshake.statusCode()).isEqualTo(200);
        assertThat(handshake.body()).isEqualTo("1158201444");
        assertThat(answer.statusCode()).isEqualTo(200);
        var reply = graph.awaitSend();
        assertThat(reply.path("to").asText()).isEqualTo(CloudFixtures.ANA);
        assertThat(reply.path("text").path("body").asText()).startsWith("Welcome to Zupa Burgers!");
        assertThat(output.await("5215512345678 (Ana Ruiz): ")).isEqualTo("5215512345678 (Ana Ruiz): hi");
        assertThat(output.await("burgers: ")).startsWith("burgers: Welcome to Zupa Burgers!");
        assertThat(output.text())
                .contains("Model: the offline script")
                .contains("set <https url>/webhook as the callback URL");
    }

    @Test
    void namesEveryMissingEnvironmentVariable() {
        assertThatThrownBy(() -> start(Map.of(WhatsAppCloudDemo.APP_SECRET, "secret")))
                .isInstanceOf(SetupException.class)
                .hasMessage("set the environment variables WHATSAPP_ACCESS_TOKEN, WHATSAPP_VERIFY_TOKEN,"
                        + " WHATSAPP_PHONE_NUMBER_ID (from your Meta app: see docs/adapters/whatsapp-cloud.md)");
    }

    @Test
    void refusesAPhoneNumberInsteadOfItsId() {
        var environment = new HashMap<>(CloudFixtures.environment(graph.url()));
        environment.put(WhatsAppCloudDemo.PHONE_NUMBER_ID, "+1 555 0100");

        assertThatThrownBy(() -> start(environment))
                .isInstanceOf(SetupException.class)
                .hasMessageStartingWith("WHATSAPP_PHONE_NUMBER_ID must be the numeric phone number id");
    }

    @Test
    void refusesAPortThatIsNoNumber() {
        assertThatThrownBy(() -> start(CloudFixtures.environment(graph.url()), "--port=eighty"))
                .isInstanceOf(SetupException.class)
                .hasMessage("--port must be a port number from 0 to 65535, was 'eighty'");
    }

    @Test
    void saysWhichPortIsTaken() throws Exception {
        try (var taken = new ServerSocket(0, 1, InetAddress.getByName("0.0.0.0"))) {
            var environment = new HashMap<>(CloudFixtures.environment(graph.url()));
            environment.put(WhatsAppCloudDemo.WEBHOOK_PORT, Integer.toString(taken.getLocalPort()));

            assertThatThrownBy(() -> start(environment))
                    .isInstanceOf(SetupException.class)
                    .hasMessageContaining("cannot listen for WhatsApp webhooks on 0.0.0.0:" + taken.getLocalPort())
                    .hasMessageContaining("configure another port");
        }
    }

    private Agent start(Map<String, String> environment, String... args) {
        return WhatsAppCloudDemo.start(environment, List.of(args), dir.resolve("cloud.db"), output.stream());
    }
}
