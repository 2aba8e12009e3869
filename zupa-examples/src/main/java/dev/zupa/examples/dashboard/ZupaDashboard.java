package dev.zupa.examples.dashboard;

import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/**
 * A terminal dashboard for a running agent, over the runtime's management API: active sessions (Enter shows one's
 * recent ledger), turns per second, latency percentiles per stage, error rates, circuit breakers, the transport's
 * login state (with the QR code to scan) and whether the agent is paused ({@code p} pauses or resumes it).
 *
 * <pre>
 * export ZUPA_MANAGEMENT_TOKEN=...   # the token the agent's ManagementServer was built with
 * java -cp ... dev.zupa.examples.dashboard.ZupaDashboard http://127.0.0.1:9464/
 * </pre>
 *
 * <p>It needs an interactive terminal. {@link DashboardDemo} opens it on the burger shop under a scripted load.
 *
 * @since 0.1
 */
public final class ZupaDashboard {
    private ZupaDashboard() {}

    /**
     * Opens the dashboard until {@code q}; exits with 2 on bad arguments and 1 when the API cannot be used.
     *
     * @param args the management API's address and token, both optional: {@code ZUPA_MANAGEMENT_URL} and
     *     {@code ZUPA_MANAGEMENT_TOKEN} stand in for them
     */
    public static void main(String[] args) {
        int status = run(args, System.getenv(), System.err);
        if (status != 0) {
            System.exit(status);
        }
    }

    static int run(String[] args, Map<String, String> environment, PrintStream err) {
        if (List.of(args).contains("-h") || List.of(args).contains("--help")) {
            err.println(DashboardOptions.USAGE);
            return 0;
        }
        DashboardOptions options;
        try {
            options = DashboardOptions.parse(args, environment);
        } catch (IllegalArgumentException e) {
            err.println("zupa dashboard: " + e.getMessage());
            err.println(DashboardOptions.USAGE);
            return 2;
        }
        try (var client = new ManagementClient(options.url(), options.token())) {
            return open(client, err);
        }
    }

    /** Checks the API answers with this token before taking over the terminal, so a mistake reads as one line. */
    static int open(ManagementClient client, PrintStream err) {
        try {
            client.get("sessions?limit=1");
        } catch (ApiException e) {
            err.println("zupa dashboard: " + e.getMessage());
            return 1;
        }
        try {
            new TerminalDashboard(client).run();
            return 0;
        } catch (IOException e) {
            err.println("zupa dashboard: cannot use this terminal (" + e.getMessage() + "); run it in an interactive"
                    + " terminal");
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }
}
