package io.sftpsync.core.errors;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import org.apache.sshd.common.SshException;
import org.apache.sshd.sftp.common.SftpConstants;
import org.apache.sshd.sftp.common.SftpException;
import org.junit.jupiter.api.Test;

class TransferErrorsTest {

    @Test
    void anInterruptionWrappedByTheIoLayerIsAnInterruptionNotATimeOut() {
        java.io.InterruptedIOException mina = new java.io.InterruptedIOException("Interrupted after 97 msec.");
        mina.initCause(new InterruptedException());
        assertThat(TransferErrors.isInterruption(new SftpOperationException("sink", "writing", "/a", mina))).isTrue();
        assertThat(TransferErrors.isInterruption(new java.nio.channels.ClosedByInterruptException())).isTrue();
        assertThat(TransferErrors.isInterruption(new SocketTimeoutException("read timed out"))).isFalse();
        assertThat(TransferErrors.isInterruption(new IOException("Connection reset"))).isFalse();
    }

    @Test
    void connectionProblemsAndChangedSourcesAreTransient() {
        assertThat(TransferErrors.isTransient(new SshException("Session is being closed"))).isTrue();
        assertThat(TransferErrors.isTransient(new EOFException("channel closed"))).isTrue();
        assertThat(TransferErrors.isTransient(new SocketTimeoutException("read timed out"))).isTrue();
        assertThat(TransferErrors.isTransient(new IOException("cannot connect", new ConnectException("refused"))))
                .isTrue();
        assertThat(TransferErrors.isTransient(new SftpException(SftpConstants.SSH_FX_CONNECTION_LOST, "lost")))
                .isTrue();
        assertThat(TransferErrors.isTransient(new SftpException(SftpConstants.SSH_FX_NO_CONNECTION, "none")))
                .isTrue();
        assertThat(TransferErrors.isTransient(new SourceChangedException("size 1 -> 2"))).isTrue();
        assertThat(TransferErrors.isTransient(new SftpOperationException("sink", "writing", "/b/x",
                new SshException("closed")))).isTrue();
    }

    @Test
    void refusalsAreFinal() {
        assertThat(TransferErrors.isTransient(new SftpException(SftpConstants.SSH_FX_NO_SUCH_FILE, "No such file")))
                .isFalse();
        assertThat(TransferErrors.isTransient(new SftpOperationException("sink", "writing", "/b/x",
                new SftpException(SftpConstants.SSH_FX_PERMISSION_DENIED, "Permission denied")))).isFalse();
        assertThat(TransferErrors.isTransient(new AuthenticationFailedException("sink: authentication failed")))
                .isFalse();
        assertThat(TransferErrors.isTransient(new HostKeyRejectedException("changed", new SshException("x"))))
                .isFalse();
        assertThat(TransferErrors.isTransient(new IllegalArgumentException("path is absolute: /x"))).isFalse();
    }

    @Test
    void describeNamesSideStatusOperationAndPath() {
        IOException e = new SftpOperationException("sink", "writing", "/base/a/b.txt",
                new SftpException(SftpConstants.SSH_FX_PERMISSION_DENIED, "Permission denied"));

        assertThat(TransferErrors.describe(e))
                .isEqualTo("sink: Permission denied (SSH_FX_PERMISSION_DENIED) writing /base/a/b.txt");
        assertThat(TransferErrors.describe(new SftpException(SftpConstants.SSH_FX_NO_SUCH_FILE, "No such file")))
                .isEqualTo("No such file (SSH_FX_NO_SUCH_FILE)");
        assertThat(TransferErrors.describe(new RuntimeException("wrapped", e))).isEqualTo(e.getMessage());
        assertThat(TransferErrors.describe(new SftpOperationException("sink", "writing", "/a\nb",
                new EOFException("gone")))).isEqualTo("sink: EOFException: gone writing /a\\x0ab");
    }
}
