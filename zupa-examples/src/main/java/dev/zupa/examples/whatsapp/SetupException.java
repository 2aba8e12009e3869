package dev.zupa.examples.whatsapp;

import java.util.List;

/**
 * What a demo needs and does not have (an environment variable, Node.js, the sidecar's npm packages, a free port),
 * said so that the person running it knows what to do. The demos print its message instead of a stack trace.
 */
final class SetupException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    SetupException(String problem) {
        super(problem, null, false, false);
    }

    /** One message listing every problem, so that one run reports everything that is missing. */
    static SetupException of(List<String> problems) {
        return new SetupException(
                problems.size() == 1 ? problems.getFirst() : "\n  - " + String.join("\n  - ", problems));
    }
}
