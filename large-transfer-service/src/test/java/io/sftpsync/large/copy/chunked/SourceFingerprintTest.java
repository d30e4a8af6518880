package io.sftpsync.large.copy.chunked;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sftpsync.core.errors.SourceChangedException;
import io.sftpsync.core.listing.RemoteFile;
import io.sftpsync.large.copy.chunked.SourceFingerprint.Range;
import io.sftpsync.testkit.SftpPair;
import io.sftpsync.testkit.TestFiles;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class SourceFingerprintTest {

    static final Instant MTIME = Instant.parse("2025-06-01T12:00:00Z");
    static final int K64 = SourceFingerprint.SAMPLE;

    @RegisterExtension
    static final SftpPair servers = new SftpPair();

    @Test
    void samplesTheFirstAndLastRangesAndSpreadsTheRestEvenly() {
        long size = 10L * 1024 * 1024 * 1024 + 3;
        List<Range> ranges = SourceFingerprint.ranges(size);

        assertThat(ranges).hasSize(SourceFingerprint.SAMPLES).allSatisfy(r -> assertThat(r.length()).isEqualTo(K64));
        assertThat(ranges.getFirst().offset()).isZero();
        assertThat(ranges.getLast().offset() + K64).isEqualTo(size);
        long gap = ranges.get(1).offset() - ranges.get(0).offset();
        for (int i = 1; i < ranges.size(); i++) {
            assertThat(ranges.get(i).offset() - ranges.get(i - 1).offset()).isBetween(gap - 1, gap + 1);
        }
    }

    @Test
    void aFileOfAtMostEightSamplesIsTakenWholeAndLargerOnesDoNotOverlap() {
        assertThat(SourceFingerprint.ranges(0)).containsExactly(new Range(0, 0));
        assertThat(SourceFingerprint.ranges(8L * K64)).containsExactly(new Range(0, 8 * K64));
        List<Range> justAbove = SourceFingerprint.ranges(8L * K64 + 1);
        assertThat(justAbove).hasSize(8);
        for (int i = 1; i < justAbove.size(); i++) {
            assertThat(justAbove.get(i).offset()).isGreaterThanOrEqualTo(justAbove.get(i - 1).offset() + K64);
        }
    }

    @Test
    void theSameBytesGiveTheSameFingerprintAndABytePatchedInASampleInTheSameSecondAnother() throws IOException {
        long size = 5L * 1024 * 1024 + 17;
        Path file = TestFiles.random(servers.sourceData("f.bin"), size, 1, MTIME);
        RemoteFile version = new RemoteFile("f.bin", size, MTIME);
        String first = SourceFingerprint.of(servers.source(), version);

        assertThat(SourceFingerprint.of(servers.source(), version)).isEqualTo(first).hasSize(64);
        long middleSample = SourceFingerprint.ranges(size).get(4).offset() + 100;
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.seek(middleSample);
            int b = f.read();
            f.seek(middleSample);
            f.write(b ^ 0xff);
        }
        Files.setLastModifiedTime(file, FileTime.from(MTIME));

        assertThat(SourceFingerprint.of(servers.source(), version)).isNotEqualTo(first);
    }

    @Test
    void anotherFileOfTheSameSizeAndMtimeHasAnotherFingerprint() throws IOException {
        long size = 3L * 1024 * 1024;
        TestFiles.random(servers.sourceData("a.bin"), size, 2, MTIME);
        TestFiles.random(servers.sourceData("b.bin"), size, 3, MTIME);

        assertThat(SourceFingerprint.of(servers.source(), new RemoteFile("a.bin", size, MTIME)))
                .isNotEqualTo(SourceFingerprint.of(servers.source(), new RemoteFile("b.bin", size, MTIME)));
    }

    @Test
    void refusesASourceThatIsNotTheVersionNamed() throws IOException {
        TestFiles.random(servers.sourceData("v.bin"), 1000, 4, MTIME);

        assertThatThrownBy(() -> SourceFingerprint.of(servers.source(), new RemoteFile("v.bin", 1000,
                MTIME.plusSeconds(1)))).isInstanceOf(SourceChangedException.class).hasMessageContaining("mtime");
    }
}
