package dev.zupa.examples.dashboard;

/** The management API could not be used; the message says why in words an operator can act on. */
final class ApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ApiException(String message) {
        super(message);
    }

    ApiException(String message, Throwable cause) {
        super(message, cause);
    }
}
