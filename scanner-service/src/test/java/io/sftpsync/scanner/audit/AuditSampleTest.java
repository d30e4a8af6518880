package io.sftpsync.scanner.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Which pairs an audit of N takes: never audited first, then those audited longest ago, whatever the walk order. */
class AuditSampleTest {

    private static final Instant T = Instant.parse("2026-11-01T00:00:00Z");

    /** Candidates as "path:lastAudited" ('-' never), in walk order; the N kept, oldest first. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "a:300 b:100 c:200         | 1 | b",
        "a:300 b:100 c:200         | 2 | b c",
        "a:300 b:100 c:200         | 5 | b c a",
        "a:300 b:- c:200           | 1 | b",
        "a:300 b:- c:200 d:-       | 2 | b d",
        "a:300 b:- c:200 d:-       | 3 | b d c",
        "z:5 y:5 x:5               | 2 | x y",
        "a:9 b:8 c:7 d:6 e:5 f:-   | 3 | f e d",
        "f:- e:5 d:6 c:7 b:8 a:9   | 3 | f e d",
    })
    void keepsTheOldestInOrder(String walk, int n, String expected) {
        AuditSample sample = new AuditSample(n);
        for (String c : walk.trim().split("\\s+")) {
            String[] parts = c.split(":");
            long last = parts[1].equals("-") ? AuditCandidate.NEVER : Long.parseLong(parts[1]);
            sample.offer(new AuditCandidate(parts[0], 10, T, last));
        }

        assertThat(sample.oldestFirst()).extracting(AuditCandidate::path)
                .containsExactly(expected.trim().split("\\s+"));
    }

    @Test
    void holdsNoMoreThanItsSizeOverALongWalk() {
        AuditSample sample = new AuditSample(3);
        for (int i = 0; i < 10_000; i++) {
            sample.offer(new AuditCandidate(String.format("f%05d", i), 1, T, 10_000 - i));
        }

        List<AuditCandidate> kept = sample.oldestFirst();
        assertThat(kept).extracting(AuditCandidate::path).containsExactly("f09999", "f09998", "f09997");
    }

    @Test
    void theSizeMustBePositive() {
        assertThatThrownBy(() -> new AuditSample(0)).hasMessageContaining("positive");
    }
}
