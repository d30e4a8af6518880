package io.sftpsync.core.errors;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.TimeoutException;
import org.apache.sshd.sftp.common.SftpConstants;
import org.apache.sshd.sftp.common.SftpException;

/** Tells failures worth retrying from final ones, and puts a failure into one line for results and logs. */
public final class TransferErrors {

    /** Cause chains longer than this are cut: a cycle must not hang the classification. */
    private static final int MAX_DEPTH = 16;

    private TransferErrors() {
    }

    /**
     * Whether trying again later may succeed: a lost or closed connection, a time-out, a failed connect, a
     * source that changed. Refusals by the server (no such file, permission denied), a rejected login or host
     * key and invalid paths are final.
     *
     * @param t the failure
     * @return true when a retry may help
     */
    public static boolean isTransient(Throwable t) {
        return t instanceof SourceChangedException || isConnectionLoss(t);
    }

    /**
     * The thread was interrupted (the service is stopping), whatever the I/O layer made of it (MINA wraps it in an
     * InterruptedIOException and clears the flag): not a failure of the copy, and not worth a retry.
     */
    public static boolean isInterruption(Throwable t) {
        int depth = 0;
        for (Throwable c = t; c != null && depth < MAX_DEPTH; c = c.getCause(), depth++) {
            if (c instanceof InterruptedException || c instanceof java.nio.channels.ClosedByInterruptException) {
                return true;
            }
        }
        return false;
    }

    /**
     * One line naming the endpoint, the server's status text, the operation and path where known, e.g.
     * "sink: Permission denied (SSH_FX_PERMISSION_DENIED) writing /base/a/b.txt". Never contains a password:
     * none is ever put into a message.
     *
     * @param t the failure
     * @return the reason
     */
    public static String describe(Throwable t) {
        if (t == null) {
            return "unknown error";
        }
        int depth = 0;
        for (Throwable c = t; c != null && depth < MAX_DEPTH; c = c.getCause(), depth++) {
            if (c instanceof SftpOperationException || c instanceof SourceChangedException
                    || c instanceof HostKeyRejectedException || c instanceof AuthenticationFailedException) {
                return c.getMessage();
            }
        }
        return reason(t);
    }

    /**
     * The failure comes from the connection (lost, refused, timed out) rather than from a server refusal or the
     * caller: another try on a fresh connection may succeed.
     */
    public static boolean isConnectionLoss(Throwable t) {
        boolean io = false;
        int depth = 0;
        for (Throwable c = t; c != null && depth < MAX_DEPTH; c = c.getCause(), depth++) {
            if (c instanceof HostKeyRejectedException || c instanceof AuthenticationFailedException
                    || c instanceof SourceChangedException || c instanceof IllegalArgumentException) {
                return false;
            }
            if (c instanceof SftpException e) {
                return e.getStatus() == SftpConstants.SSH_FX_CONNECTION_LOST
                        || e.getStatus() == SftpConstants.SSH_FX_NO_CONNECTION;
            }
            if (c instanceof SftpOperationException && c.getCause() == null) {
                // Raised by this library for what it found on the server, e.g. a directory in the way.
                return false;
            }
            if (c instanceof IOException || c instanceof TimeoutException) {
                io = true;
            }
        }
        return io;
    }

    /** The work stopped waiting for the server (time-out, interrupt): answers may still arrive on the channel. */
    public static boolean leavesChannelInDoubt(Throwable t) {
        int depth = 0;
        for (Throwable c = t; c != null && depth < MAX_DEPTH; c = c.getCause(), depth++) {
            if (c instanceof InterruptedIOException || c instanceof TimeoutException) {
                return true;
            }
        }
        return false;
    }

    /** The server's status text and code for a refusal, else a short summary of the failure. */
    public static String reason(Throwable e) {
        if (e instanceof SftpException s) {
            String status = SftpConstants.getStatusName(s.getStatus());
            String message = s.getMessage();
            return message == null || message.isBlank() || message.equals(status) ? status
                    : message + " (" + status + ")";
        }
        return summary(e);
    }

    /** "Type: message" of a failure, with its cause when that adds something. */
    public static String summary(Throwable e) {
        String line = oneLine(e);
        Throwable cause = e.getCause();
        if (cause != null && cause != e && (e.getMessage() == null || !e.getMessage().contains(String.valueOf(
                cause.getMessage())))) {
            line += " (" + oneLine(cause) + ")";
        }
        return line;
    }

    private static String oneLine(Throwable e) {
        String message = e.getMessage();
        if (e instanceof SftpException) {
            return reason(e);
        }
        // A plain IOException carries a full sentence already; its class name adds nothing.
        if (e.getClass() == IOException.class && message != null) {
            return message;
        }
        return message == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + message;
    }
}
