package io.sftpsync.scanner.audit;

/** An audit was asked for while one is running: audits never run beside each other. */
public final class AuditInProgressException extends RuntimeException {

    public AuditInProgressException() {
        super("an integrity audit is already running");
    }
}
