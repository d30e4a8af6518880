package io.sftpsync.scanner.web;

import io.sftpsync.core.topics.Topics;
import io.sftpsync.scanner.leader.Leadership;
import io.sftpsync.scanner.scan.ScanInProgressException;
import io.sftpsync.scanner.scan.ScanReport;
import io.sftpsync.scanner.scan.ScanRequest;
import io.sftpsync.scanner.scan.Scanner;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Runs a scan on request, of the whole base path or a subtree; a dry run returns the plan and publishes nothing. */
@RestController
@RequestMapping("/api/scans")
public class ScanController {

    private final Scanner scanner;
    private final ObjectProvider<Leadership> leadership;

    public ScanController(Scanner scanner, ObjectProvider<Leadership> leadership) {
        this.scanner = scanner;
        this.leadership = leadership;
    }

    /**
     * Scans now (the whole base path, or the {@code subtree} directory below it) and answers with the report when
     * the scan has finished.
     */
    @PostMapping
    public ScanReport scan(@RequestParam(defaultValue = "false") boolean dryRun,
            @RequestParam(defaultValue = "") String subtree) {
        Leadership l = leadership.getIfAvailable();
        if (l != null && !l.leading()) {
            throw new StandingByException();
        }
        return scanner.scan(new ScanRequest("api", dryRun, subtree, null));
    }

    /** With leader election, a scanner that does not lead scans nothing. */
    static final class StandingByException extends RuntimeException {
        StandingByException() {
            super("this scanner stands by: another scanner leads (sync.scan.leader-election) and scans; ask it, or"
                    + " publish a ScanRequested to " + Topics.SCAN_REQUESTS);
        }
    }

    @GetMapping("/latest")
    public ResponseEntity<ScanReport> latest() {
        return ResponseEntity.of(scanner.last());
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ResponseEntity<Map<String, String>> badRequest(IllegalArgumentException e) {
        return ResponseEntity.badRequest().body(Map.of("error", e.getMessage()));
    }

    @ExceptionHandler(StandingByException.class)
    ResponseEntity<Map<String, String>> standingBy(StandingByException e) {
        return ResponseEntity.status(HttpStatus.CONFLICT).body(Map.of("error", e.getMessage()));
    }

    @ExceptionHandler(ScanInProgressException.class)
    ResponseEntity<Map<String, String>> busy(ScanInProgressException e) {
        return ResponseEntity.status(HttpStatus.CONFLICT).body(Map.of("error", e.getMessage()));
    }
}
