package io.sftpsync.boot.proof;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sftpsync.core.events.Approval;
import io.sftpsync.core.events.FileDiscovered;
import io.sftpsync.core.events.SizeClass;
import io.sftpsync.core.events.SyncReason;
import io.sftpsync.core.events.TransferStrategy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProofKeyTest {

    @TempDir
    Path dir;

    private static FileDiscovered approved() {
        return FileDiscovered.of(UUID.randomUUID(), "x.bin", 1, Instant.EPOCH, null, null, SyncReason.MISSING,
                SizeClass.OVERSIZED, Instant.now()).withApproval(new Approval("a", TransferStrategy.CHUNKED, "o", null));
    }

    @Test
    void aCreatedKeyFileIsOwnerOnlyAndTheSameKeyOnTheNextStart() throws Exception {
        Path file = dir.resolve("data/approval-proof.key");
        ProofKey first = ProofKey.of(new ProofProperties(null, file, true));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(Files.readString(file).strip()).hasSize(64);

        FileDiscovered signed = first.require("test").sign(approved());
        ProofKey second = ProofKey.of(new ProofProperties(null, file, true));
        assertThat(second.require("test").verify(signed)).isTrue();
    }

    @Test
    void theKeyPropertyWinsOverTheFile() {
        String key = "k".repeat(32);
        FileDiscovered signed = ProofKey.of(new ProofProperties(key, null, false)).require("t").sign(approved());
        assertThat(ProofKey.of(new ProofProperties(key, dir.resolve("unused"), true)).require("t").verify(signed))
                .isTrue();
        assertThat(Files.exists(dir.resolve("unused"))).isFalse();
    }

    @Test
    void aShortKeyIsRefusedNamingTheSetting() {
        assertThatThrownBy(() -> ProofKey.of(new ProofProperties("short", null, false)))
                .hasMessageContaining("sync.proof.key").hasMessageContaining("at least 32");
    }

    @Test
    void aMissingFileIsAnErrorUnlessItMayBeCreated() {
        assertThatThrownBy(() -> ProofKey.of(new ProofProperties(null, dir.resolve("none"), false)))
                .hasMessageContaining("sync.proof.key-file").hasMessageContaining("does not exist");
    }

    @Test
    void withoutAKeyThereIsNoProofAndRequireSaysWhatToSet() {
        ProofKey none = ProofKey.of(new ProofProperties(null, null, false));
        assertThat(none.proof()).isEmpty();
        assertThatThrownBy(() -> none.require("the approval service"))
                .hasMessageContaining("the approval service").hasMessageContaining("SYNC_PROOF_KEY");
    }
}
