package dev.zupa.examples.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** What the dashboard says before it takes over the terminal: one clear line, never a stack trace. */
@Timeout(30)
class ZupaDashboardTest {
    private static final String TOKEN = "0123456789abcdef0123";

    @StartStop
    final MockWebServer standIn = new MockWebServer();

    private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
    private final PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8);

    @Test
    void readsTheAddressAndTokenFromTheEnvironmentAndLetsArgumentsWin() {
        var environment =
                Map.of("ZUPA_MANAGEMENT_URL", "http://127.0.0.1:9464/", "ZUPA_MANAGEMENT_TOKEN", " " + TOKEN + " ");

        assertThat(DashboardOptions.parse(new String[0], environment))
                .isEqualTo(new DashboardOptions(URI.create("http://127.0.0.1:9464/"), TOKEN));
        assertThat(DashboardOptions.parse(new String[] {""}, environment))
                .isEqualTo(new DashboardOptions(URI.create("http://127.0.0.1:9464/"), TOKEN));
        assertThat(DashboardOptions.parse(new String[] {"https://ops.example.com/zupa", "other-token"}, environment))
                .isEqualTo(new DashboardOptions(URI.create("https://ops.example.com/zupa"), "other-token"));
    }

    @Test
    void namesWhatIsMissingOrWrong() {
        assertThatThrownBy(() -> DashboardOptions.parse(new String[0], Map.of()))
                .hasMessage("no management API address: pass it as the first argument or set ZUPA_MANAGEMENT_URL"
                        + " (such as http://127.0.0.1:9464/)");
        assertThatThrownBy(() -> DashboardOptions.parse(new String[] {"http://127.0.0.1:9464/"}, Map.of()))
                .hasMessage("no token for http://127.0.0.1:9464/: set ZUPA_MANAGEMENT_TOKEN to the token the"
                        + " ManagementServer was built with");
        assertThatThrownBy(() -> DashboardOptions.parse(new String[] {"127.0.0.1:9464", TOKEN}, Map.of()))
                .hasMessage("the management API address must be an http:// or https:// URL, got '127.0.0.1:9464'");
        assertThatThrownBy(() -> DashboardOptions.parse(new String[] {"ftp://127.0.0.1:9464/", TOKEN}, Map.of()))
                .hasMessage("the management API address must be an http:// or https:// URL with a host, got"
                        + " 'ftp://127.0.0.1:9464/'");
        assertThatThrownBy(() -> DashboardOptions.parse(new String[] {"http://h/?token=" + TOKEN, TOKEN}, Map.of()))
                .hasMessageStartingWith("the management API address takes no query or fragment");
        assertThatThrownBy(() -> DashboardOptions.parse(new String[] {"a", "b", "c"}, Map.of()))
                .hasMessage("too many arguments: expected at most an address and a token");
    }

    @Test
    void exitsWithTwoAndTheUsageOnBadArguments() {
        int status = ZupaDashboard.run(new String[0], Map.of(), err);

        assertThat(status).isEqualTo(2);
        assertThat(err())
                .startsWith("zupa dashboard: no management API address")
                .contains("usage: ZupaDashboard");
    }

    @Test
    void exitsWithOneAndOneLineWhenNothingListensAtTheAddress() throws IOException {
        int port;
        try (var socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        var url = "http://127.0.0.1:" + port + "/";

        int status = ZupaDashboard.run(new String[] {url}, Map.of("ZUPA_MANAGEMENT_TOKEN", TOKEN), err);

        assertThat(status).isEqualTo(1);
        assertThat(err())
                .isEqualTo("zupa dashboard: cannot reach the management API at " + url + " (connection refused): is"
                        + " the agent running with a ManagementServer on that address?" + System.lineSeparator());
    }

    @Test
    void exitsWithOneAndOneLineWhenTheTokenIsRefused() {
        standIn.enqueue(new MockResponse.Builder()
                .code(401)
                .setHeader("Content-Type", "application/json")
                .body("{\"error\": \"a valid token is required: send 'Authorization: Bearer <token>'\"}")
                .build());
        var url = standIn.url("/").toString();

        int status = ZupaDashboard.run(new String[] {url, TOKEN}, Map.of(), err);

        assertThat(status).isEqualTo(1);
        assertThat(err())
                .startsWith("zupa dashboard: the management API at " + url + " refused the token (401)")
                .doesNotContain("Exception", "\tat ");
    }

    @Test
    void helpPrintsTheUsage() {
        assertThat(ZupaDashboard.run(new String[] {"--help"}, Map.of(), err)).isZero();
        assertThat(err()).startsWith("usage: ZupaDashboard");
    }

    private String err() {
        return errBytes.toString(StandardCharsets.UTF_8);
    }
}
