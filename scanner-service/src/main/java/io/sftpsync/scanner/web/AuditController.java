package io.sftpsync.scanner.web;

import io.sftpsync.scanner.audit.AuditInProgressException;
import io.sftpsync.scanner.audit.AuditReport;
import io.sftpsync.scanner.audit.Auditor;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Starts an integrity audit on request and answers at once with its id (an audit is capped at
 * {@code sync.scan.audit.max-rate} and may take hours); {@code GET .../latest} shows its progress and result.
 */
@RestController
@RequestMapping("/api/scans/audit")
public class AuditController {

    private final Auditor auditor;

    public AuditController(Auditor auditor) {
        this.auditor = auditor;
    }

    @PostMapping
    public ResponseEntity<Map<String, String>> audit() {
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(Map.of("auditId", auditor.start("api").toString()));
    }

    /** The running audit's report so far, else the last one's; 404 before the first. */
    @GetMapping("/latest")
    public ResponseEntity<AuditReport> latest() {
        return ResponseEntity.of(auditor.latest());
    }

    @ExceptionHandler(AuditInProgressException.class)
    ResponseEntity<Map<String, String>> busy(AuditInProgressException e) {
        return ResponseEntity.status(HttpStatus.CONFLICT).body(Map.of("error", e.getMessage()));
    }
}
