package io.sftpsync.scanner.scan;

import static org.assertj.core.api.Assertions.assertThat;

import io.sftpsync.core.listing.ListingError;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ScanErrorsTest {

    final ScanErrors errors = new ScanErrors(UUID.randomUUID());

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
}
