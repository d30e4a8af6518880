package io.sftpsync.anomaly.detect;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * LATE_ARRIVAL: "the file that fails to arrive". From the arrival times of the files of a directory or name pattern
 * it learns a rhythm, and reports when the next file is later than the rhythm's due time plus {@code tolerance}
 * (default 2h). At least {@code minArrivals} (default 6) arrivals are needed; fewer: no verdict.
 *
 * <p><b>The rhythm</b> (all in the configured zone, default UTC):
 * <ul>
 *   <li>The <b>interval</b> is the median gap between consecutive arrivals. Under 20 hours the rhythm is
 *   <em>sub-daily</em> (e.g. hourly); under 2 days <em>daily</em>; from 2 days <em>long</em> (weekly, monthly).</li>
 *   <li><b>Weekdays</b>: for sub-daily and daily rhythms whose arrivals span at least 7 days, the weekdays that never
 *   got a file are days off. So a file that arrives Mon–Fri is not due on Saturday or Sunday, and a weekend is never
 *   late.</li>
 *   <li><b>Daily</b>: due on the next working day by the usual time, the 90th percentile (nearest rank) of the
 *   arrivals' times of day ("Mon–Fri by 06:00").</li>
 *   <li><b>Sub-daily</b>: due one interval after the last arrival. When the files come only in part of the day (the
 *   gap from the latest to the earliest time of day is longer than three intervals, e.g. hourly 08:00–18:00), a
 *   due time past that window moves to the next working day, one interval after the window opens. Windows are
 *   learnt within a calendar day (a night shift crossing midnight is taken as round the clock).</li>
 *   <li><b>Long</b>: due one interval after the last arrival.</li>
 * </ul>
 *
 * <p><b>Severity</b>: WARNING; CRITICAL when overdue by one more period (the interval; a day for daily rhythms),
 * i.e. a second file is missing too. <b>Score</b>: overdue / (overdue + period).
 */
public final class LateArrivalDetector {

    static final Duration SUB_DAILY_BELOW = Duration.ofHours(20);
    static final Duration DAILY_BELOW = Duration.ofDays(2);

    private final Duration tolerance;
    private final int minArrivals;
    private final ZoneId zone;

    public LateArrivalDetector(Duration tolerance, int minArrivals, ZoneId zone) {
        if (tolerance.isNegative()) {
            throw new IllegalArgumentException("late-arrival.tolerance must not be negative, was " + tolerance);
        }
        if (minArrivals < 3) {
            throw new IllegalArgumentException("late-arrival.min-arrivals must be at least 3, was " + minArrivals);
        }
        this.tolerance = tolerance;
        this.minArrivals = minArrivals;
        this.zone = zone;
    }

    /** Arrivals needed before a rhythm is learnt. */
    public int minArrivals() {
        return minArrivals;
    }

    /** How the rhythm repeats. */
    public enum Kind { SUB_DAILY, DAILY, LONG }

    /**
     * A learnt rhythm.
     *
     * @param kind        sub-daily, daily or long
     * @param interval    the median gap between arrivals
     * @param days        the working days (all seven unless weekday seasonality was learnt)
     * @param windowStart the earliest time of day of an arrival
     * @param windowEnd   daily: the usual latest time (90th percentile); sub-daily: the latest time of day
     * @param windowed    sub-daily files that come only in part of the day
     * @param arrivals    how many arrivals it was learnt from
     * @param last        the latest arrival
     */
    public record Rhythm(Kind kind, Duration interval, Set<DayOfWeek> days, LocalTime windowStart,
            LocalTime windowEnd, boolean windowed, int arrivals, Instant last) {

        public Rhythm {
            days = Set.copyOf(days);
        }

        /** How long one missed file takes: the interval, a day for daily rhythms. */
        Duration period() {
            return kind == Kind.DAILY ? Duration.ofDays(1) : interval;
        }
    }

    /**
     * @param arrivals when the files arrived (first seen), any order
     * @return the rhythm, or empty when there are fewer than {@code minArrivals} distinct arrivals
     */
    public Optional<Rhythm> learn(List<Instant> arrivals) {
        List<Instant> sorted = arrivals.stream().distinct().sorted().toList();
        if (sorted.size() < minArrivals) {
            return Optional.empty();
        }
        double[] gaps = new double[sorted.size() - 1];
        for (int i = 1; i < sorted.size(); i++) {
            gaps[i - 1] = Duration.between(sorted.get(i - 1), sorted.get(i)).getSeconds();
        }
        Duration interval = Duration.ofSeconds((long) Stats.median(gaps));
        Kind kind = interval.compareTo(SUB_DAILY_BELOW) < 0 ? Kind.SUB_DAILY
                : interval.compareTo(DAILY_BELOW) < 0 ? Kind.DAILY : Kind.LONG;

        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        double[] timesOfDay = new double[sorted.size()];
        for (int i = 0; i < sorted.size(); i++) {
            ZonedDateTime at = sorted.get(i).atZone(zone);
            days.add(at.getDayOfWeek());
            timesOfDay[i] = at.toLocalTime().toSecondOfDay();
        }
        LocalDate first = sorted.get(0).atZone(zone).toLocalDate();
        LocalDate last = sorted.get(sorted.size() - 1).atZone(zone).toLocalDate();
        boolean spansAWeek = !first.plusDays(7).isAfter(last);
        if (kind == Kind.LONG || !spansAWeek) {
            days = EnumSet.allOf(DayOfWeek.class);
        }
        LocalTime start = LocalTime.ofSecondOfDay((long) Stats.quantile(timesOfDay, 0));
        LocalTime latest = LocalTime.ofSecondOfDay((long) Stats.quantile(timesOfDay, 1));
        LocalTime end = kind == Kind.DAILY ? LocalTime.ofSecondOfDay((long) Stats.quantile(timesOfDay, 0.9)) : latest;
        long overnight = Duration.ofDays(1).getSeconds() - (latest.toSecondOfDay() - start.toSecondOfDay());
        boolean windowed = kind == Kind.SUB_DAILY && overnight > 3 * interval.getSeconds();
        return Optional.of(new Rhythm(kind, interval, days, start, end, windowed, sorted.size(),
                sorted.get(sorted.size() - 1)));
    }

    /** When the next file is due by the rhythm (without the tolerance). */
    public Instant due(Rhythm r) {
        ZonedDateTime last = r.last().atZone(zone);
        return switch (r.kind()) {
            case LONG -> r.last().plus(r.interval());
            case DAILY -> at(nextWorkingDay(r, last.toLocalDate().plusDays(1)), r.windowEnd());
            case SUB_DAILY -> {
                ZonedDateTime next = last.plus(r.interval());
                if (r.windowed() && (!next.toLocalDate().equals(last.toLocalDate())
                        || next.toLocalTime().isAfter(r.windowEnd()))) {
                    yield at(nextWorkingDay(r, last.toLocalDate().plusDays(1)), r.windowStart()).plus(r.interval());
                }
                if (!r.days().contains(next.getDayOfWeek())) {
                    yield at(nextWorkingDay(r, next.toLocalDate()), LocalTime.MIDNIGHT).plus(r.interval());
                }
                yield next.toInstant();
            }
        };
    }

    /**
     * A rhythm's missed windows at a check.
     *
     * @param firstDue when the first missing file was due (the window after the last arrival)
     * @param lastDue  the latest window that has passed (plus the tolerance) without a file: what an anomaly is
     *                 raised once for, so each further missed window is one more
     * @param missed   how many windows have passed without a file, 1 or more
     * @param finding  the LATE_ARRIVAL
     */
    public record Late(Instant firstDue, Instant lastDue, int missed, Finding finding) {
    }

    /** Missed windows counted at most: an hourly rhythm silent for the whole retention stays cheap to judge. */
    static final int MAX_MISSED = 10_000;

    /**
     * @param subject  what the arrivals are of, for the sentence: a directory or a name pattern
     * @param arrivals when its files arrived
     * @param now      the time of the check
     * @return LATE_ARRIVAL, or empty: on time, no rhythm yet, or a day off
     */
    public Optional<Finding> detect(String subject, List<Instant> arrivals, Instant now) {
        return late(subject, arrivals, now).map(Late::finding);
    }

    /**
     * As {@link #detect}, with the windows that were missed: the consumer raises one anomaly per missed window
     * (keyed by {@link Late#lastDue()}), however often it checks.
     *
     * @param subject  what the arrivals are of, for the sentence: a directory or a name pattern
     * @param arrivals when its files arrived
     * @param now      the time of the check
     * @return the missed windows, or empty: on time, no rhythm yet, or a day off
     */
    public Optional<Late> late(String subject, List<Instant> arrivals, Instant now) {
        Optional<Rhythm> learnt = learn(arrivals);
        if (learnt.isEmpty()) {
            return Optional.empty();
        }
        Rhythm r = learnt.get();
        Instant due = due(r);
        Duration overdue = Duration.between(due.plus(tolerance), now);
        if (overdue.isNegative() || overdue.isZero()) {
            return Optional.empty();
        }
        // The later windows that passed too: each is the rhythm's next due time after the one before.
        Instant lastDue = due;
        int missed = 1;
        while (missed < MAX_MISSED) {
            Instant next = due(new Rhythm(r.kind(), r.interval(), r.days(), r.windowStart(), r.windowEnd(),
                    r.windowed(), r.arrivals(), lastDue));
            if (!next.isAfter(lastDue) || !now.isAfter(next.plus(tolerance))) {
                break;
            }
            lastDue = next;
            missed++;
        }
        Duration period = r.period();
        Severity severity = overdue.compareTo(period) >= 0 ? Severity.CRITICAL : Severity.WARNING;
        double score = (double) overdue.getSeconds() / (overdue.getSeconds() + period.getSeconds());
        Finding finding = Finding.of(AnomalyType.LATE_ARRIVAL, severity, score,
                "no new file in " + subject + " since " + Words.when(r.last(), zone) + "; one usually arrives "
                        + usually(r) + " (learnt from " + r.arrivals() + " arrivals), so one was due by "
                        + Words.when(due, zone) + " and is " + Words.duration(overdue) + " overdue (tolerance "
                        + Words.duration(tolerance) + ")" + (missed > 1 ? "; " + missed + " files missing" : ""));
        return Optional.of(new Late(due, lastDue, missed, finding));
    }

    private String usually(Rhythm r) {
        String days = days(r.days());
        return switch (r.kind()) {
            case DAILY -> (days.isEmpty() ? "every day" : days) + " by " + r.windowEnd();
            case SUB_DAILY -> "every " + Words.duration(r.interval())
                    + (r.windowed() ? " between " + r.windowStart() + " and " + r.windowEnd() : "")
                    + (days.isEmpty() ? "" : " on " + days);
            case LONG -> "every " + Words.duration(r.interval());
        };
    }

    /** "Mon–Fri", "Mon, Wed, Fri"; empty for every day. */
    static String days(Set<DayOfWeek> days) {
        if (days.size() == 7) {
            return "";
        }
        List<DayOfWeek> sorted = days.stream().sorted().toList();
        boolean run = sorted.size() >= 3
                && sorted.get(sorted.size() - 1).getValue() - sorted.get(0).getValue() == sorted.size() - 1;
        if (run) {
            return name(sorted.get(0)) + "–" + name(sorted.get(sorted.size() - 1));
        }
        List<String> names = new ArrayList<>();
        sorted.forEach(d -> names.add(name(d)));
        return String.join(", ", names);
    }

    private static String name(DayOfWeek d) {
        return d.getDisplayName(TextStyle.SHORT, Locale.ROOT);
    }

    private LocalDate nextWorkingDay(Rhythm r, LocalDate from) {
        LocalDate d = from;
        for (int i = 0; i < 7 && !r.days().contains(d.getDayOfWeek()); i++) {
            d = d.plusDays(1);
        }
        return d;
    }

    private Instant at(LocalDate date, LocalTime time) {
        return ZonedDateTime.of(date, time, zone).toInstant();
    }
}
