package io.sftpsync.anomaly.detect;

import static org.assertj.core.api.Assertions.assertThat;

import io.sftpsync.anomaly.detect.LateArrivalDetector.Kind;
import io.sftpsync.anomaly.detect.LateArrivalDetector.Rhythm;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Explicit calendars, November–December 2026: Mon 9, 16, 23, 30 Nov; Fri 27 Nov; Sat 28, Sun 29 Nov; Tue 1 Dec.
 */
class LateArrivalDetectorTest {

    static final ZoneId UTC = ZoneOffset.UTC;
    static final LateArrivalDetector DETECTOR = new LateArrivalDetector(Duration.ofHours(2), 6, UTC);
    static final Set<DayOfWeek> WEEKDAYS = EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY);
    static final Set<DayOfWeek> EVERY_DAY = EnumSet.allOf(DayOfWeek.class);

    /** One arrival per day on the given days from..to (inclusive), at the given times of day in turn. */
    static List<Instant> daily(String from, String to, Set<DayOfWeek> days, ZoneId zone, String... times) {
        List<Instant> out = new ArrayList<>();
        int i = 0;
        for (LocalDate d = LocalDate.parse(from); !d.isAfter(LocalDate.parse(to)); d = d.plusDays(1)) {
            if (days.contains(d.getDayOfWeek())) {
                out.add(d.atTime(LocalTime.parse(times[i++ % times.length])).atZone(zone).toInstant());
            }
        }
        return out;
    }

    /** Arrivals every {@code step} from {@code from} up to and including {@code to}, on the given days and hours. */
    static List<Instant> every(Duration step, String from, String to, Set<DayOfWeek> days, int fromHour,
            int toHour) {
        List<Instant> out = new ArrayList<>();
        for (LocalDateTime t = LocalDateTime.parse(from); !t.isAfter(LocalDateTime.parse(to)); t = t.plus(step)) {
            if (days.contains(t.getDayOfWeek()) && t.getHour() >= fromHour && t.getHour() <= toHour) {
                out.add(t.toInstant(ZoneOffset.UTC));
            }
        }
        return out;
    }

    static final Map<String, List<Instant>> RHYTHMS = Map.of(
            // Three weeks of a weekday file by about 05:45 (05:30, 05:35, 05:40, 05:45 in turn); the last Fri 27
            // Nov 05:40.
            "weekdays", daily("2026-11-09", "2026-11-27", WEEKDAYS, UTC, "05:30", "05:35", "05:40", "05:45"),
            // Every day, the last Fri 27 Nov.
            "every-day", daily("2026-11-16", "2026-11-27", EVERY_DAY, UTC, "05:00", "05:20"),
            // Hourly 08:00-18:00 on weekdays for two weeks; the last Fri 27 Nov 18:00.
            "hourly-office", every(Duration.ofHours(1), "2026-11-16T08:00", "2026-11-27T18:00", WEEKDAYS, 8, 18),
            // Hourly 08:00-18:00 on weekdays, stopping at Wed 25 Nov 12:00.
            "hourly-stopped", every(Duration.ofHours(1), "2026-11-16T08:00", "2026-11-25T12:00", WEEKDAYS, 8, 18),
            // Every four hours round the clock; the last Fri 27 Nov 20:00.
            "four-hourly", every(Duration.ofHours(4), "2026-11-20T00:00", "2026-11-27T20:00", EVERY_DAY, 0, 23),
            // Mondays 09:00 for eight weeks; the last Mon 23 Nov.
            "weekly", daily("2026-10-05", "2026-11-23", EnumSet.of(DayOfWeek.MONDAY), UTC, "09:00"),
            // Five arrivals only: no rhythm yet.
            "too-few", daily("2026-11-23", "2026-11-27", EVERY_DAY, UTC, "05:00"));

    @ParameterizedTest(name = "{0} at {1}: {2}")
    @CsvSource(nullValues = "-", value = {
            // rhythm,        now,                    severity
            "weekdays,        2026-11-27T12:00:00Z,   -",
            // A weekday-only rhythm over a weekend is not late.
            "weekdays,        2026-11-28T12:00:00Z,   -",
            "weekdays,        2026-11-29T23:59:00Z,   -",
            // Due Monday by 05:45 (the 90th percentile), 2h tolerance.
            "weekdays,        2026-11-30T07:45:00Z,   -",
            "weekdays,        2026-11-30T07:46:00Z,   WARNING",
            "weekdays,        2026-12-01T07:44:00Z,   WARNING",
            "weekdays,        2026-12-01T07:45:00Z,   CRITICAL",
            "every-day,       2026-11-28T07:00:00Z,   -",
            "every-day,       2026-11-28T07:21:00Z,   WARNING",
            // Not at night, not at the weekend: due Monday 09:00 (one hour after the window opens).
            "hourly-office,   2026-11-27T21:00:00Z,   -",
            "hourly-office,   2026-11-28T12:00:00Z,   -",
            "hourly-office,   2026-11-30T11:00:00Z,   -",
            "hourly-office,   2026-11-30T11:01:00Z,   WARNING",
            // Stopped within the window: due 13:00, late after 15:00, a second file missing from 16:00.
            "hourly-stopped,  2026-11-25T15:00:00Z,   -",
            "hourly-stopped,  2026-11-25T15:30:00Z,   WARNING",
            "hourly-stopped,  2026-11-25T16:00:00Z,   CRITICAL",
            // Round the clock: due at midnight.
            "four-hourly,     2026-11-28T02:00:00Z,   -",
            "four-hourly,     2026-11-28T03:00:00Z,   WARNING",
            "weekly,          2026-11-30T10:00:00Z,   -",
            "weekly,          2026-12-01T09:00:00Z,   WARNING",
            "weekly,          2026-12-07T12:00:00Z,   CRITICAL",
            "too-few,         2026-12-31T00:00:00Z,   -",
    })
    void lateOnlyPastTheLearntWindowPlusTolerance(String rhythm, Instant now, Severity severity) {
        Optional<Finding> found = DETECTOR.detect("reports", RHYTHMS.get(rhythm), now);
        if (severity == null) {
            assertThat(found).isEmpty();
        } else {
            assertThat(found).get().extracting(Finding::type, Finding::severity)
                    .containsExactly(AnomalyType.LATE_ARRIVAL, severity);
            assertThat(found.get().score()).isBetween(0.0, 1.0);
        }
    }

    /** Each missed window is one more (the consumer raises one anomaly per window, keyed by the last). */
    @ParameterizedTest(name = "{0} at {1}: {2} missed, the last due {3}")
    @CsvSource({
            // rhythm,        now,                    missed, last due
            "weekdays,        2026-11-30T07:46:00Z,   1,      2026-11-30T05:45:00Z",
            "weekdays,        2026-12-01T07:45:00Z,   1,      2026-11-30T05:45:00Z",
            "weekdays,        2026-12-01T07:46:00Z,   2,      2026-12-01T05:45:00Z",
            // A missed working week is five files, not seven: the weekend is not counted.
            "weekdays,        2026-12-06T23:00:00Z,   5,      2026-12-04T05:45:00Z",
            "every-day,       2026-11-30T07:21:00Z,   3,      2026-11-30T05:20:00Z",
            // 13:00, 14:00, 15:00 and 16:00 within the office hours, each 2h tolerance.
            "hourly-stopped,  2026-11-25T18:30:00Z,   4,      2026-11-25T16:00:00Z",
            // Overnight and over the weekend nothing more is due: the evening's windows up to 18:00 only.
            "hourly-stopped,  2026-11-28T12:00:00Z,   26,     2026-11-27T18:00:00Z",
            "weekly,          2026-12-07T12:00:00Z,   2,      2026-12-07T09:00:00Z",
    })
    void eachMissedWindowIsCountedAndTheLastOneNamed(String rhythm, Instant now, int missed, Instant lastDue) {
        LateArrivalDetector.Late late = DETECTOR.late("reports", RHYTHMS.get(rhythm), now).orElseThrow();
        assertThat(late.missed()).isEqualTo(missed);
        assertThat(late.lastDue()).isEqualTo(lastDue);
        assertThat(late.firstDue()).isEqualTo(DETECTOR.due(DETECTOR.learn(RHYTHMS.get(rhythm)).orElseThrow()));
        assertThat(late.finding().message()).contains(missed > 1 ? "; " + missed + " files missing" : "overdue");
        if (missed == 1) {
            assertThat(late.finding().message()).doesNotContain("files missing");
        }
    }

    @Test
    void learnsTheRhythm() {
        Rhythm weekdays = DETECTOR.learn(RHYTHMS.get("weekdays")).orElseThrow();
        assertThat(weekdays.kind()).isEqualTo(Kind.DAILY);
        assertThat(weekdays.days()).isEqualTo(WEEKDAYS);
        assertThat(weekdays.windowEnd()).isEqualTo(LocalTime.of(5, 45));
        assertThat(DETECTOR.due(weekdays)).isEqualTo(Instant.parse("2026-11-30T05:45:00Z"));

        Rhythm office = DETECTOR.learn(RHYTHMS.get("hourly-office")).orElseThrow();
        assertThat(office.kind()).isEqualTo(Kind.SUB_DAILY);
        assertThat(office.windowed()).isTrue();
        assertThat(office.days()).isEqualTo(WEEKDAYS);
        assertThat(DETECTOR.due(office)).isEqualTo(Instant.parse("2026-11-30T09:00:00Z"));

        Rhythm fourHourly = DETECTOR.learn(RHYTHMS.get("four-hourly")).orElseThrow();
        assertThat(fourHourly.windowed()).isFalse();
        assertThat(fourHourly.days()).isEqualTo(EVERY_DAY);

        assertThat(DETECTOR.learn(RHYTHMS.get("weekly")).orElseThrow().kind()).isEqualTo(Kind.LONG);
        assertThat(DETECTOR.learn(RHYTHMS.get("too-few"))).isEmpty();
        // Redelivered arrivals count once.
        List<Instant> twice = new ArrayList<>(RHYTHMS.get("too-few"));
        twice.addAll(RHYTHMS.get("too-few"));
        assertThat(DETECTOR.learn(twice)).isEmpty();
    }

    @Test
    void lessThanAWeekOfHistoryKnowsNoDaysOff() {
        // Five weekdays seen: the weekend is not known to be a day off yet, so Saturday is late.
        LateArrivalDetector five = new LateArrivalDetector(Duration.ofHours(2), 5, UTC);
        List<Instant> oneWeek = daily("2026-11-23", "2026-11-27", WEEKDAYS, UTC, "05:30");
        assertThat(five.learn(oneWeek).orElseThrow().days()).isEqualTo(EVERY_DAY);
        assertThat(five.detect("x", oneWeek, Instant.parse("2026-11-28T07:30:00Z"))).isEmpty();
        assertThat(five.detect("x", oneWeek, Instant.parse("2026-11-28T07:31:00Z"))).isPresent();
        // A week later, with Saturday and Sunday never seen, they are.
        List<Instant> twoWeeks = daily("2026-11-23", "2026-12-04", WEEKDAYS, UTC, "05:30");
        assertThat(five.learn(twoWeeks).orElseThrow().days()).isEqualTo(WEEKDAYS);
        assertThat(five.detect("x", twoWeeks, Instant.parse("2026-12-05T12:00:00Z"))).isEmpty();
    }

    @Test
    void theSentenceSaysWhatWasExpected() {
        assertThat(DETECTOR.detect("reports/report-*.csv", RHYTHMS.get("weekdays"),
                Instant.parse("2026-11-30T10:55:00Z")).orElseThrow().message())
                .isEqualTo("no new file in reports/report-*.csv since Fri 2026-11-27 05:40 UTC; one usually arrives "
                        + "Mon–Fri by 05:45 (learnt from 15 arrivals), so one was due by Mon 2026-11-30 05:45 UTC "
                        + "and is 3h 10m overdue (tolerance 2h)");
        assertThat(DETECTOR.detect("feeds", RHYTHMS.get("hourly-stopped"), Instant.parse("2026-11-25T15:30:00Z"))
                .orElseThrow().message()).contains("one usually arrives every 1h between 08:00 and 18:00 on "
                        + "Mon–Fri");
    }

    @Test
    void daysAndHoursAreTheConfiguredZones() {
        // 06:30 in Berlin is 05:30 UTC in winter; Monday's file is due by 06:30 Berlin time.
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        LateArrivalDetector detector = new LateArrivalDetector(Duration.ofHours(1), 6, berlin);
        List<Instant> arrivals = daily("2026-11-09", "2026-11-27", WEEKDAYS, berlin, "06:30");
        assertThat(detector.detect("x", arrivals, Instant.parse("2026-11-30T06:30:00Z"))).isEmpty();
        assertThat(detector.detect("x", arrivals, Instant.parse("2026-11-30T06:31:00Z"))).get()
                .extracting(Finding::message).asString()
                .contains("Mon–Fri by 06:30").contains("due by Mon 2026-11-30 06:30 Europe/Berlin");
    }

    @Test
    void daysAreNamedAsARangeOrAList() {
        assertThat(LateArrivalDetector.days(WEEKDAYS)).isEqualTo("Mon–Fri");
        assertThat(LateArrivalDetector.days(EnumSet.of(DayOfWeek.MONDAY, DayOfWeek.WEDNESDAY, DayOfWeek.FRIDAY)))
                .isEqualTo("Mon, Wed, Fri");
        assertThat(LateArrivalDetector.days(EVERY_DAY)).isEmpty();
    }
}
