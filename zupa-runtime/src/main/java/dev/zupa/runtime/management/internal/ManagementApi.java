package dev.zupa.runtime.management.internal;

import com.sun.net.httpserver.HttpHandler;

/** Assembles the management API's routes. */
public final class ManagementApi {
    private ManagementApi() {}

    /** The handler of every path: {@code /health} and {@code /ready} open, the rest behind the token. */
    public static HttpHandler handler(Managed managed, String token) {
        var router = new Router(new TokenCheck(token));
        new AgentRoutes(managed).register(router);
        new SessionRoutes(managed).register(router);
        new LedgerRoutes(managed).register(router);
        new MetricsRoutes(managed).register(router);
        new StreamRoutes(managed).register(router);
        return router;
    }
}
