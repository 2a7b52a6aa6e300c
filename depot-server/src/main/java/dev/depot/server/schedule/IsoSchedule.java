package dev.depot.server.schedule;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.Period;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An ISO 8601 repeating interval as Pulp takes it: {@code R5/2026-12-01T00:00:00Z/PT6H}, {@code
 * 2026-12-01T00:00:00Z/P1D} or just {@code PT1H}. Without a start the schedule starts when it is
 * created; without a recurrence count it repeats forever.
 *
 * @param text the schedule as given
 * @param recurrences how many runs in all, or null for no limit
 * @param start the first run, or null for "now"
 * @param period the calendar part of the interval (years, months, weeks, days)
 * @param duration the clock part of the interval (hours, minutes, seconds)
 */
public record IsoSchedule(
    String text, Integer recurrences, Instant start, Period period, Duration duration) {
  private static final Pattern INTERVAL =
      Pattern.compile(
          "P(?:(\\d+)Y)?(?:(\\d+)M)?(?:(\\d+)W)?(?:(\\d+)D)?(?:T(?:(\\d+)H)?(?:(\\d+)M)?(?:(\\d+)S)?)?");

  /**
   * Parses a schedule.
   *
   * @throws IllegalArgumentException with a message saying what is wrong
   */
  public static IsoSchedule parse(String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("schedule is empty");
    }
    String[] parts = text.trim().split("/");
    Integer recurrences = null;
    int i = 0;
    if (parts[0].startsWith("R")) {
      try {
        recurrences = Integer.parseInt(parts[0].substring(1));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("schedule recurrence must be R<number>: " + parts[0]);
      }
      if (recurrences <= 0) {
        throw new IllegalArgumentException("schedule recurrence count must be above 0");
      }
      i++;
    }
    Instant start = null;
    if (parts.length - i == 2) {
      try {
        start = OffsetDateTime.parse(parts[i]).toInstant();
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException(
            "schedule start is not an ISO 8601 date-time: " + parts[i]);
      }
      i++;
    }
    if (parts.length - i != 1) {
      throw new IllegalArgumentException(
          "schedule must look like R5/2026-12-01T00:00:00Z/PT6H, 2026-12-01T00:00:00Z/P1D or PT1H");
    }
    Matcher m = INTERVAL.matcher(parts[i]);
    if (!m.matches() || parts[i].equals("P") || parts[i].endsWith("T")) {
      throw new IllegalArgumentException(
          "schedule interval is not an ISO 8601 duration: " + parts[i]);
    }
    Period period = Period.of(n(m.group(1)), n(m.group(2)), n(m.group(3)) * 7 + n(m.group(4)));
    Duration duration =
        Duration.ofHours(n(m.group(5))).plusMinutes(n(m.group(6))).plusSeconds(n(m.group(7)));
    if (period.isZero() && duration.isZero()) {
      throw new IllegalArgumentException("schedule interval must be longer than zero");
    }
    return new IsoSchedule(text.trim(), recurrences, start, period, duration);
  }

  private static int n(String group) {
    return group == null ? 0 : Integer.parseInt(group);
  }

  /** The run after {@code run}. */
  public Instant after(Instant run) {
    return run.atOffset(ZoneOffset.UTC).plus(period).plus(duration).toInstant();
  }

  /** The first run at or after {@code now}, counting from the start (or now). */
  public Instant firstRun(Instant now) {
    return start == null ? now : start;
  }

  /** The next run strictly after {@code now}, stepping from {@code from}. */
  public Instant nextAfter(Instant from, Instant now) {
    if (period.toTotalMonths() == 0 && !from.isAfter(now)) {
      // Weeks, days and clock time are a fixed step in UTC: jump over the runs missed instead of
      // stepping through them, however many there are (a start months ago, a step of seconds).
      Duration step = duration.plusDays(period.getDays());
      return from.plus(step.multipliedBy(Duration.between(from, now).dividedBy(step) + 1));
    }
    Instant next = from;
    int guard = 0;
    while (!next.isAfter(now)) {
      next = after(next);
      if (++guard > 1_000_000) {
        throw new IllegalStateException("schedule " + text + " cannot catch up");
      }
    }
    return next;
  }
}
