package io.sftpsync.approval.decision;

/** A strategy this approval cannot run with (a file the risk gate held runs only as its class does); 400. */
public final class StrategyRefusedException extends RuntimeException {
    public StrategyRefusedException(String message) {
        super(message);
    }
}
