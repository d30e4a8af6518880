package io.sftpsync.approval.query;

import io.sftpsync.approval.state.ApprovalState;
import io.sftpsync.approval.store.ApprovalRepository;
import io.sftpsync.approval.store.ApprovalRow;
import io.sftpsync.approval.store.HistoryRepository;
import io.sftpsync.approval.store.HistoryRow;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.data.jpa.domain.Specification;

/** Reads approvals for the API: filtered by state and path, newest-updated first. */
public final class ApprovalQueries {

    /** One page of rows and how many match in all. */
    public record Found(List<ApprovalRow> rows, long total) {
    }

    private final ApprovalRepository approvals;
    private final HistoryRepository history;

    public ApprovalQueries(ApprovalRepository approvals, HistoryRepository history) {
        this.approvals = approvals;
        this.history = history;
    }

    /**
     * @param csv comma-separated state names, any case; null or blank for all
     * @throws IllegalArgumentException naming an unknown state
     */
    public static Set<ApprovalState> states(String csv) {
        if (csv == null || csv.isBlank()) {
            return EnumSet.allOf(ApprovalState.class);
        }
        Set<ApprovalState> states = EnumSet.noneOf(ApprovalState.class);
        for (String s : csv.split(",")) {
            if (s.isBlank()) {
                continue;
            }
            try {
                states.add(ApprovalState.valueOf(s.strip().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("'" + s.strip() + "' is not one of "
                        + Arrays.toString(ApprovalState.values()));
            }
        }
        return states;
    }

    public Found list(Set<ApprovalState> states, String pathContains, int page, int size) {
        Specification<ApprovalRow> spec = (root, query, cb) -> root.get("state").in(states);
        if (pathContains != null && !pathContains.isEmpty()) {
            String like = "%" + pathContains.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
            spec = spec.and((root, query, cb) -> cb.like(root.get("path"), like, '\\'));
        }
        var result = approvals.findAll(spec, PageRequest.of(page, size,
                Sort.by(Sort.Order.desc("updatedAt"), Sort.Order.asc("id"))));
        return new Found(result.getContent(), result.getTotalElements());
    }

    public Optional<ApprovalRow> find(String id) {
        return approvals.findById(id);
    }

    public List<HistoryRow> history(String approvalId) {
        return history.findByApprovalIdOrderByIdAsc(approvalId);
    }
}
