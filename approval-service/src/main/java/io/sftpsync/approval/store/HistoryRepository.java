package io.sftpsync.approval.store;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

public interface HistoryRepository extends JpaRepository<HistoryRow, Long> {

    List<HistoryRow> findByApprovalIdOrderByIdAsc(String approvalId);
}
