package dev.zupa.runtime.management.internal;

/** An error answered as {@code {"error": message}} with its HTTP status; thrown by routes, caught by the router. */
final class HttpError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;

    HttpError(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    int status() {
        return status;
    }
}
