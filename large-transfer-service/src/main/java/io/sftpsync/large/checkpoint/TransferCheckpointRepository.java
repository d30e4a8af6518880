package io.sftpsync.large.checkpoint;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

/** Transfers in progress. */
interface TransferCheckpointRepository extends JpaRepository<TransferCheckpoint, UUID> {

    Optional<TransferCheckpoint> findByPath(String path);

    List<TransferCheckpoint> findByUpdatedAtBeforeOrderByUpdatedAt(Instant before);

    @Modifying
    @Query("update TransferCheckpoint t set t.updatedAt = :now where t.id = :id")
    int touch(UUID id, Instant now);
}
