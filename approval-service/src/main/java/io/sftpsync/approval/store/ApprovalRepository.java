package io.sftpsync.approval.store;

import io.sftpsync.approval.state.ApprovalState;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;

public interface ApprovalRepository extends JpaRepository<ApprovalRow, String>, JpaSpecificationExecutor<ApprovalRow> {

    List<ApprovalRow> findByPathOrderByCreatedAtAsc(String path);

    Optional<ApprovalRow> findByPublishedEventId(UUID eventId);

    List<ApprovalRow> findTop100ByStateAndCreatedAtBeforeOrderByCreatedAtAsc(ApprovalState state, Instant before);

    long countByStateIn(Collection<ApprovalState> states);

    Optional<ApprovalRow> findFirstByStateOrderByCreatedAtAsc(ApprovalState state);
}
