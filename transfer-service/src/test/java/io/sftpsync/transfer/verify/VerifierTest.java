package io.sftpsync.transfer.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sftpsync.core.copy.CopyOutcome;
import io.sftpsync.core.copy.TemporaryCheck;
import io.sftpsync.core.verify.VerificationFailedException;
import io.sftpsync.core.verify.VerifyMode;
import io.sftpsync.testkit.SftpPair;
import io.sftpsync.testkit.TestFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The checks run on a copy's temporary at the sink, on a real server. */
class VerifierTest {

    static final Instant MTIME = Instant.parse("2025-05-05T05:05:05Z");

    @RegisterExtension
    static final SftpPair servers = new SftpPair().basePaths("/data", "/");

    /** A file at the sink as a copy left it, checked under its absolute sink path. */
    static void check(VerifyMode mode, String name, CopyOutcome written) throws IOException {
        servers.sink().call(dst -> {
            Verifier.forMode(mode).check(dst, dst.resolve(name), written);
            return null;
        });
    }

    static CopyOutcome sinkFile(String name, long size) throws IOException {
        Path file = TestFiles.random(servers.sinkServer().root().resolve(name), size, 5, MTIME);
        return new CopyOutcome(size, TestFiles.sha256(file), MTIME);
    }

    @Test
    void sizeChecksBytesAndMtimeOfTheTemporary() throws IOException {
        CopyOutcome written = sinkFile("size.tmp", 1000);

        assertThatCode(() -> check(VerifyMode.SIZE, "size.tmp", written)).doesNotThrowAnyException();
        assertThatThrownBy(() -> check(VerifyMode.SIZE, "size.tmp", new CopyOutcome(999, written.sha256(), MTIME)))
                .isInstanceOf(VerificationFailedException.class).hasMessageContaining("1000 bytes");
        assertThatThrownBy(() -> check(VerifyMode.SIZE, "size.tmp",
                new CopyOutcome(1000, written.sha256(), MTIME.plusSeconds(1))))
                .isInstanceOf(VerificationFailedException.class).hasMessageContaining("mtime");
    }

    @Test
    void checksumReReadsTheTemporary() throws IOException {
        CopyOutcome written = sinkFile("sum.tmp", 300_000);
        assertThatCode(() -> check(VerifyMode.CHECKSUM, "sum.tmp", written)).doesNotThrowAnyException();

        // Same length, other bytes: what a size check cannot see.
        byte[] bytes = Files.readAllBytes(servers.sinkServer().root().resolve("sum.tmp"));
        bytes[150_000] ^= 1;
        Files.write(servers.sinkServer().root().resolve("sum.tmp"), bytes);

        assertThatThrownBy(() -> check(VerifyMode.CHECKSUM, "sum.tmp", written))
                .isInstanceOf(VerificationFailedException.class).hasMessageContaining(written.sha256());
    }

    @Test
    void noneChecksNothing() {
        assertThat(Verifier.forMode(VerifyMode.NONE)).isSameAs(TemporaryCheck.NONE);
    }
}
