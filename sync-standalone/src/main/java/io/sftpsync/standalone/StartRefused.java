package io.sftpsync.standalone;

/**
 * The process will not start, for a reason the operator can act on: reported by {@link StartRefusedAnalyzer}
 * as a short description and action, without a stack trace, and the process exits 2.
 */
public final class StartRefused extends RuntimeException {

    private final String action;

    StartRefused(String description, String action) {
        super(description);
        this.action = action;
    }

    String action() {
        return action;
    }
}
