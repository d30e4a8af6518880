package io.sftpsync.boot.proof;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The key that signs approvals ({@code io.sftpsync.core.approval.ApprovalProof}): the approval service signs with
 * it and the large-transfer service checks with it, so both need the same one. Give it as {@code key} (at least
 * 32 bytes; from the environment, {@code SYNC_PROOF_KEY}, never on a command line) or in {@code key-file}.
 *
 * @param key           the key itself
 * @param keyFile       a file holding the key (one trailing line break ignored)
 * @param createKeyFile create {@code key-file} with a random key (owner-only) when it does not exist: for one
 *                      process that runs both services, such as the standalone
 */
@Validated
@ConfigurationProperties(prefix = "sync.proof")
public record ProofProperties(String key, Path keyFile, @DefaultValue("false") boolean createKeyFile) {

    @Override
    public String toString() {
        return "ProofProperties[key=" + (key == null ? "null" : "****") + ", keyFile=" + keyFile
                + ", createKeyFile=" + createKeyFile + "]";
    }
}
