package io.sftpsync.large.listener;

import static org.assertj.core.api.Assertions.assertThat;

import io.sftpsync.boot.proof.ProofKey;
import io.sftpsync.boot.proof.ProofProperties;
import io.sftpsync.core.approval.ApprovalProof;
import io.sftpsync.core.events.Approval;
import io.sftpsync.core.events.FileDiscovered;
import io.sftpsync.core.events.SizeClass;
import io.sftpsync.core.events.SyncReason;
import io.sftpsync.core.events.TransferStrategy;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ApprovalCheckTest {

    static final String KEY = "approval-check-test-key-0123456789abcdef";
    static final FileDiscovered PLAIN = FileDiscovered.of(UUID.randomUUID(), "a/big.bin", 10, Instant.now(), null,
            null, SyncReason.MISSING, SizeClass.OVERSIZED, Instant.now());
    static final FileDiscovered SIGNED = new ApprovalProof(KEY.getBytes(StandardCharsets.UTF_8))
            .sign(PLAIN.withApproval(new Approval("a-1", TransferStrategy.SPLIT, "ops", 4L)));

    final ApprovalCheck withKey = new ApprovalCheck(ProofKey.of(new ProofProperties(KEY, null, false)));
    final ApprovalCheck withoutKey = new ApprovalCheck(ProofKey.of(new ProofProperties(null, null, false)));

    @Test
    void aValidProofRunsAndARecordWithoutApprovalIsNotThisChecksBusiness() {
        assertThat(withKey.refusal(SIGNED)).isEmpty();
        assertThat(withKey.refusal(PLAIN)).isEmpty();
        assertThat(withoutKey.refusal(PLAIN)).isEmpty();
    }

    @Test
    void withoutAKeyEveryApprovalIsRefusedNamingTheSettings() {
        assertThat(withoutKey.refusal(SIGNED)).hasValueSatisfying(reason -> assertThat(reason)
                .contains("no approval proof key").contains("sync.proof.key").contains("sync.proof.key-file"));
    }
}
