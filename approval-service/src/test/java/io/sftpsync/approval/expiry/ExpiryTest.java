package io.sftpsync.approval.expiry;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ExpiryTest {

    static final Instant CREATED = Instant.parse("2026-11-01T00:00:00Z");

    @ParameterizedTest(name = "created + {0}, expire-after {1} -> {2}")
    @CsvSource(nullValues = "-", value = {
            "PT0S,        P7D, false",
            "P6DT23H59M,  P7D, false",
            "P7D,         P7D, true",
            "P30D,        P7D, true",
            "PT2H,        PT1H, true",
            "P3650D,      -,   false"})
    void expiresOnlyOnceExpireAfterHasPassed(Duration age, Duration expireAfter, boolean expired) {
        assertThat(Expiry.expired(CREATED, CREATED.plus(age), Optional.ofNullable(expireAfter))).isEqualTo(expired);
    }
}
