package io.sftpsync.core.approval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sftpsync.core.events.Approval;
import io.sftpsync.core.events.EventCodec;
import io.sftpsync.core.events.FileDiscovered;
import io.sftpsync.core.events.SizeClass;
import io.sftpsync.core.events.SyncReason;
import io.sftpsync.core.events.TransferStrategy;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class ApprovalProofTest {

    private static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final ApprovalProof PROOF = new ApprovalProof(KEY);
    private static final Instant MTIME = Instant.parse("2026-11-30T10:15:30Z");

    private static FileDiscovered approved(String path, long size, Instant mtime, Approval approval) {
        return FileDiscovered.of(UUID.randomUUID(), path, size, mtime, null, null, SyncReason.MISSING,
                SizeClass.OVERSIZED, Instant.now()).withApproval(approval);
    }

    private static FileDiscovered signed() {
        return PROOF.sign(approved("big/x.bin", 20L << 30, MTIME,
                new Approval("a-1", TransferStrategy.SPLIT, "alice", 1L << 30)));
    }

    @Test
    void aSignedApprovalVerifiesAlsoAfterTheWire() {
        FileDiscovered event = signed();
        assertThat(event.approval().proof()).hasSize(64);
        assertThat(PROOF.verify(event)).isTrue();
        assertThat(PROOF.verify(EventCodec.decode(EventCodec.encode(event), FileDiscovered.class))).isTrue();
    }

    static Stream<Arguments> tampered() {
        return Stream.of(
                Arguments.of("other path", (UnaryOperator<FileDiscovered>) e -> approved("big/y.bin", e.size(),
                        e.sourceMtime(), e.approval())),
                Arguments.of("other size", (UnaryOperator<FileDiscovered>) e -> approved(e.path(), e.size() + 1,
                        e.sourceMtime(), e.approval())),
                Arguments.of("other mtime", (UnaryOperator<FileDiscovered>) e -> approved(e.path(), e.size(),
                        e.sourceMtime().plusSeconds(1), e.approval())),
                Arguments.of("other strategy", (UnaryOperator<FileDiscovered>) e -> e.withApproval(new Approval(
                        "a-1", TransferStrategy.CHUNKED, "alice", null, e.approval().proof()))),
                Arguments.of("other part size", (UnaryOperator<FileDiscovered>) e -> e.withApproval(new Approval(
                        "a-1", TransferStrategy.SPLIT, "alice", 2L << 30, e.approval().proof()))),
                Arguments.of("other operator", (UnaryOperator<FileDiscovered>) e -> e.withApproval(new Approval(
                        "a-1", TransferStrategy.SPLIT, "mallory", 1L << 30, e.approval().proof()))),
                Arguments.of("other approval", (UnaryOperator<FileDiscovered>) e -> e.withApproval(new Approval(
                        "a-2", TransferStrategy.SPLIT, "alice", 1L << 30, e.approval().proof()))),
                Arguments.of("no proof", (UnaryOperator<FileDiscovered>) e -> e.withApproval(e.approval()
                        .withProof(null))),
                Arguments.of("not hex", (UnaryOperator<FileDiscovered>) e -> e.withApproval(e.approval()
                        .withProof("zz"))),
                Arguments.of("no approval", (UnaryOperator<FileDiscovered>) e -> FileDiscovered.of(e.scanId(),
                        e.path(), e.size(), e.sourceMtime(), null, null, SyncReason.MISSING, SizeClass.OVERSIZED,
                        Instant.now())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tampered")
    void aChangedFieldFailsTheProof(String what, UnaryOperator<FileDiscovered> change) {
        assertThat(PROOF.verify(change.apply(signed()))).isFalse();
    }

    @Test
    void anotherKeyFailsTheProof() {
        byte[] other = KEY.clone();
        other[0] ^= 1;
        assertThat(new ApprovalProof(other).verify(signed())).isFalse();
    }

    @Test
    void aShortKeyIsRefused() {
        assertThatThrownBy(() -> new ApprovalProof(new byte[16])).hasMessageContaining("at least 32 bytes");
    }
}
