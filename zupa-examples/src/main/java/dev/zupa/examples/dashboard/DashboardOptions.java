package dev.zupa.examples.dashboard;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Arrays;
import java.util.Map;

/**
 * The management API's address and token, from the command line ({@code <url> [token]}) or the environment
 * ({@code ZUPA_MANAGEMENT_URL}, {@code ZUPA_MANAGEMENT_TOKEN}); arguments win. The token is better kept in the
 * environment: other users of the machine can read a command line.
 */
record DashboardOptions(URI url, String token) {
    static final String URL_VARIABLE = "ZUPA_MANAGEMENT_URL";
    static final String TOKEN_VARIABLE = "ZUPA_MANAGEMENT_TOKEN";
    static final String USAGE = """
            usage: ZupaDashboard [<management API url> [<token>]]
              the address defaults to $ZUPA_MANAGEMENT_URL and the token to $ZUPA_MANAGEMENT_TOKEN, e.g.
              ZUPA_MANAGEMENT_TOKEN=... ZupaDashboard http://127.0.0.1:9464/""";

    /** Reads the options; the exception's message says what is missing or wrong. */
    static DashboardOptions parse(String[] given, Map<String, String> environment) {
        // Maven's exec plugin passes an empty -Ddemo.args as one empty argument, which means "none"
        var args = Arrays.stream(given).filter(a -> !a.isBlank()).toArray(String[]::new);
        if (args.length > 2) {
            throw new IllegalArgumentException("too many arguments: expected at most an address and a token");
        }
        var url = args.length > 0 ? args[0] : environment.getOrDefault(URL_VARIABLE, "");
        var token = args.length > 1 ? args[1] : environment.getOrDefault(TOKEN_VARIABLE, "");
        if (url.isBlank()) {
            throw new IllegalArgumentException("no management API address: pass it as the first argument or set "
                    + URL_VARIABLE + " (such as http://127.0.0.1:9464/)");
        }
        if (token.isBlank()) {
            throw new IllegalArgumentException("no token for " + url.strip() + ": set " + TOKEN_VARIABLE
                    + " to the token the ManagementServer was built with");
        }
        return new DashboardOptions(address(url.strip()), token.strip());
    }

    private static URI address(String text) {
        try {
            var uri = new URI(text);
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                throw new IllegalArgumentException(
                        "the management API address must be an http:// or https:// URL with a host, got '" + text
                                + "'");
            }
            if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
                throw new IllegalArgumentException("the management API address takes no query or fragment (pass the"
                        + " token in " + TOKEN_VARIABLE + "), got '" + text + "'");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(
                    "the management API address must be an http:// or https:// URL, got '" + text + "'", e);
        }
    }
}
