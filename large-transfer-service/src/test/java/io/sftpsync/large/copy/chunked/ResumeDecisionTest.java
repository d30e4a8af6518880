package io.sftpsync.large.copy.chunked;

import static org.assertj.core.api.Assertions.assertThat;

import io.sftpsync.core.listing.RemoteFile;
import io.sftpsync.large.checkpoint.Checkpoint;
import io.sftpsync.large.checkpoint.ChunkCheckpoint;
import io.sftpsync.large.checkpoint.TransferCheckpoint;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ResumeDecisionTest {

    static final Instant MTIME = Instant.parse("2026-01-02T03:04:05Z");
    static final RemoteFile SOURCE = new RemoteFile("a/b.bin", 10_000, MTIME);
    static final String FINGERPRINT = "f1".repeat(32);
    static final Checkpoint NOTHING_DONE = new Checkpoint(new TransferCheckpoint(UUID.randomUUID(), "a/b.bin",
            10_000, MTIME, FINGERPRINT, 4_000, "a/.b.bin.sftp-sync-1.tmp", Instant.now()), List.of());

    @Test
    void nothingRecordedIsAFreshCopy() {
        assertThat(ResumeDecision.decide(Optional.empty(), SOURCE, FINGERPRINT, OptionalLong.empty()))
                .isInstanceOf(ResumeDecision.Fresh.class);
    }

    @Test
    void theSameSourceVersionWithItsTemporaryResumes() {
        assertThat(ResumeDecision.decide(Optional.of(NOTHING_DONE), SOURCE, FINGERPRINT, OptionalLong.of(0)))
                .isEqualTo(new ResumeDecision.Resume(NOTHING_DONE));
    }

    @Test
    void mtimesAreComparedInWholeSeconds() {
        RemoteFile sameSecond = new RemoteFile("a/b.bin", 10_000, MTIME.plusMillis(900));
        assertThat(ResumeDecision.decide(Optional.of(NOTHING_DONE), sameSecond, FINGERPRINT, OptionalLong.of(0)))
                .isInstanceOf(ResumeDecision.Resume.class);
    }

    @Test
    void aChangedSourceStartsOverAndSaysWhatChanged() {
        assertThat(ResumeDecision.decide(Optional.of(NOTHING_DONE), new RemoteFile("a/b.bin", 10_001, MTIME),
                FINGERPRINT, OptionalLong.of(0))).isInstanceOfSatisfying(ResumeDecision.StartOver.class,
                s -> assertThat(s.reason()).contains("size 10000 -> 10001"));
        assertThat(ResumeDecision.decide(Optional.of(NOTHING_DONE), new RemoteFile("a/b.bin", 10_000,
                MTIME.plusSeconds(1)), FINGERPRINT, OptionalLong.of(0))).isInstanceOfSatisfying(ResumeDecision.StartOver.class,
                s -> assertThat(s.reason()).contains("mtime"));
    }

    @Test
    void aTemporaryShorterThanTheRecordedChunksStartsOverAndOneAsLongResumes() {
        UUID id = NOTHING_DONE.transfer().id();
        // chunk 0 complete, chunk 1 durable up to 1,000 bytes: the file must hold 4,000 + 1,000 bytes
        Checkpoint progress = new Checkpoint(NOTHING_DONE.transfer(), List.of(
                new ChunkCheckpoint(id, 0, 4_000, 4_000, "ab".repeat(32), "ab".repeat(32), Instant.now()),
                new ChunkCheckpoint(id, 1, 4_000, 1_000, "cd".repeat(32), null, Instant.now())));
        assertThat(progress.extent()).isEqualTo(5_000);
        assertThat(progress.durableBytes()).isEqualTo(5_000);

        assertThat(ResumeDecision.decide(Optional.of(progress), SOURCE, FINGERPRINT, OptionalLong.of(4_999)))
                .isInstanceOfSatisfying(ResumeDecision.StartOver.class,
                        s -> assertThat(s.reason()).contains("holds 4999 bytes, less than the 5000"));
        assertThat(ResumeDecision.decide(Optional.of(progress), SOURCE, FINGERPRINT, OptionalLong.of(5_000)))
                .isInstanceOf(ResumeDecision.Resume.class);
    }

    @Test
    void aMissingTemporaryStartsOver() {
        assertThat(ResumeDecision.decide(Optional.of(NOTHING_DONE), SOURCE, FINGERPRINT, OptionalLong.empty()))
                .isInstanceOfSatisfying(ResumeDecision.StartOver.class,
                        s -> assertThat(s.reason()).contains("gone"));
    }

    @Test
    void theSameSizeAndMtimeWithOtherContentStartsOver() {
        assertThat(ResumeDecision.decide(Optional.of(NOTHING_DONE), SOURCE, "0e".repeat(32), OptionalLong.of(0)))
                .isInstanceOfSatisfying(ResumeDecision.StartOver.class, s -> assertThat(s.reason())
                        .startsWith("the source changed since the interrupted attempt")
                        .contains("same size and mtime"));
    }

    @Test
    void aCheckpointWithoutAFingerprintStartsOverSinceItsVersionCannotBeTold() {
        Checkpoint older = new Checkpoint(new TransferCheckpoint(UUID.randomUUID(), "a/b.bin", 10_000, MTIME, null,
                4_000, "a/.b.bin.sftp-sync-2.tmp", Instant.now()), List.of());

        assertThat(ResumeDecision.decide(Optional.of(older), SOURCE, FINGERPRINT, OptionalLong.of(0)))
                .isInstanceOfSatisfying(ResumeDecision.StartOver.class,
                        s -> assertThat(s.reason()).contains("no fingerprint"));
    }

    @Test
    void sizeAndMtimeAreNamedBeforeTheFingerprint() {
        assertThat(ResumeDecision.decide(Optional.of(NOTHING_DONE), new RemoteFile("a/b.bin", 10_000,
                MTIME.plusSeconds(5)), "0e".repeat(32), OptionalLong.of(0)))
                .isInstanceOfSatisfying(ResumeDecision.StartOver.class,
                        s -> assertThat(s.reason()).contains("mtime").doesNotContain("same size"));
    }
}
