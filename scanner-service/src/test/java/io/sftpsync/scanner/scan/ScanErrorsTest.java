package io.sftpsync.scanner.scan;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.sftpsync.core.listing.ListingError;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class ScanErrorsTest {

    final ScanErrors errors = new ScanErrors(UUID.randomUUID(), "dst@127.0.0.1:22/base");
    final ListAppender<ILoggingEvent> logged = new ListAppender<>();
    final Logger scannerLog = (Logger) LoggerFactory.getLogger(Scanner.class);

    @BeforeEach
    void captureLog() {
        logged.start();
        scannerLog.addAppender(logged);
    }

    @AfterEach
    void releaseLog() {
        scannerLog.detachAppender(logged);
    }

    @Test
    void keepsEveryErrorUpToTheLimit() {
        for (int i = 0; i < ScanErrors.LIMIT; i++) {
            errors.add("e" + i);
        }
        assertThat(errors.forEvent()).hasSize(ScanErrors.LIMIT).endsWith("e999");
    }

    @Test
    void countsTheErrorsBeyondTheLimitInALastLine() {
        for (int i = 0; i < ScanErrors.LIMIT + 3; i++) {
            errors.add("e" + i);
        }
        assertThat(errors.count()).isEqualTo(ScanErrors.LIMIT + 3);
        assertThat(errors.forEvent()).hasSize(ScanErrors.LIMIT + 1).endsWith("e999", "... and 3 more errors");
    }

    @Test
    void aSinkListingErrorNamesItsDirectoryAsFailed() {
        errors.sinkListing(new ListingError("a/b", "Permission denied"));
        assertThat(errors.failedSinkDirs()).containsExactly("a/b");
        assertThat(errors.forEvent()).containsExactly("sink a/b: Permission denied");
    }

    @Test
    void anUnlistableSinkIsOneWarningForAllTheFilesItBlocks() {
        errors.sinkListing(new ListingError("", "Connection refused"));
        for (int i = 0; i < 1_500; i++) {
            errors.blocked(new ScanDecision.Blocked("dir/f" + i));
        }

        errors.logSummaries();

        assertThat(errors.count()).isEqualTo(1_501);
        assertThat(errors.forEvent()).hasSize(ScanErrors.LIMIT + 1).startsWith("sink <base path>: Connection refused",
                "skipped dir/f0: its sink directory could not be listed").endsWith("... and 501 more errors");
        assertThat(warnings()).singleElement().satisfies(line -> assertThat(line).endsWith(
                "sink dst@127.0.0.1:22/base: 1 directory not listed (<base path>: Connection refused); 1500 source "
                        + "files below not copied: dir/f0, dir/f1, dir/f2, dir/f3, dir/f4, ...; the next scan tries "
                        + "again"));
    }

    @Test
    void linksLeadingOutsideTheBasePathAreOneWarning() {
        for (int i = 0; i < 3; i++) {
            errors.sourceListing(new ListingError("l" + i, "symlink to /etc, outside the base path /data; not "
                    + "followed", ListingError.Kind.LINK_OUTSIDE_BASE));
        }
        errors.sourceListing(new ListingError("unreadable", "Permission denied"));

        errors.logSummaries();

        assertThat(errors.count()).isEqualTo(4);
        assertThat(errors.forEvent()).first().isEqualTo(
                "source l0: symlink to /etc, outside the base path /data; not followed");
        assertThat(warnings()).hasSize(2).first().satisfies(line -> assertThat(line).endsWith(
                "source unreadable: Permission denied"));
        assertThat(warnings()).last().satisfies(line -> assertThat(line).endsWith(
                "source: 3 symlinks leading outside the base path not followed: l0, l1, l2"));
    }

    private List<String> warnings() {
        return logged.list.stream().filter(e -> e.getLevel().isGreaterOrEqual(Level.WARN))
                .map(ILoggingEvent::getFormattedMessage).toList();
    }
}
