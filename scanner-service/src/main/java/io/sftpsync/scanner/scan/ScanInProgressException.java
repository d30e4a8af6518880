package io.sftpsync.scanner.scan;

/** A scan was asked for while another one was running. */
public class ScanInProgressException extends RuntimeException {
    public ScanInProgressException() {
        super("a scan is already running");
    }
}
