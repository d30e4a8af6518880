package io.sftpsync.approval.store;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

public interface OutboxRepository extends JpaRepository<OutboxRow, Long> {

    /** The oldest records, locked, skipping those another relay holds: two relays never send the same row at once. */
    @Query(value = "SELECT * FROM approval.outbox ORDER BY id LIMIT 100 FOR UPDATE SKIP LOCKED", nativeQuery = true)
    List<OutboxRow> lockOldest();
}
