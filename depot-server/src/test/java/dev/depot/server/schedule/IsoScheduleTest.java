package dev.depot.server.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class IsoScheduleTest {
  @Test
  void readsTheThreeFormsPulpAccepts() {
    IsoSchedule full = IsoSchedule.parse("R5/2026-12-01T00:00:00Z/PT6H");
    IsoSchedule startAndInterval = IsoSchedule.parse("2026-12-01T00:00:00Z/P1D");
    IsoSchedule interval = IsoSchedule.parse("PT1H");

    assertThat(full.recurrences()).isEqualTo(5);
    assertThat(full.start()).isEqualTo(Instant.parse("2026-12-01T00:00:00Z"));
    assertThat(full.after(full.start())).isEqualTo(Instant.parse("2026-12-01T06:00:00Z"));
    assertThat(startAndInterval.recurrences()).isNull();
    assertThat(startAndInterval.after(startAndInterval.start()))
        .isEqualTo(Instant.parse("2026-12-02T00:00:00Z"));
    Instant now = Instant.parse("2026-11-24T10:00:00Z");
    assertThat(interval.firstRun(now)).isEqualTo(now);
    assertThat(IsoSchedule.parse("P1M").after(Instant.parse("2026-01-31T00:00:00Z")))
        .isEqualTo(Instant.parse("2026-02-28T00:00:00Z"));
  }

  @Test
  void nextRunSkipsRunsMissedWhileTheServerWasDown() {
    IsoSchedule hourly = IsoSchedule.parse("2026-11-24T00:00:00Z/PT1H");

    assertThat(
            hourly.nextAfter(
                Instant.parse("2026-11-24T00:00:00Z"), Instant.parse("2026-11-24T05:30:00Z")))
        .isEqualTo(Instant.parse("2026-11-24T06:00:00Z"));
  }

  @Test
  void nextRunCatchesUpOnAStartLongAgoWithAShortStep() {
    // ten-second runs since January: millions missed, once stepped one by one until a guard threw
    // (every second, in the worker's housekeeping, which then fired no other schedule)
    IsoSchedule often = IsoSchedule.parse("R2/2026-01-01T00:00:00Z/PT10S");
    Instant now = Instant.parse("2026-12-06T21:47:05Z");

    assertThat(often.nextAfter(often.start(), now))
        .isEqualTo(Instant.parse("2026-12-06T21:47:10Z"));
    assertThat(IsoSchedule.parse("P1W").nextAfter(Instant.parse("2000-01-01T00:00:00Z"), now))
        .isEqualTo(Instant.parse("2026-12-12T00:00:00Z"));
    assertThat(IsoSchedule.parse("P1M").nextAfter(Instant.parse("2026-10-15T00:00:00Z"), now))
        .isEqualTo(Instant.parse("2026-12-15T00:00:00Z"));
  }

  @Test
  void refusesWhatIsNotAnInterval() {
    assertThatThrownBy(() -> IsoSchedule.parse("R0/PT1H")).hasMessageContaining("above 0");
    assertThatThrownBy(() -> IsoSchedule.parse("every hour")).hasMessageContaining("ISO 8601");
    assertThatThrownBy(() -> IsoSchedule.parse("PT0S")).hasMessageContaining("longer than zero");
    assertThatThrownBy(() -> IsoSchedule.parse("yesterday/PT1H")).hasMessageContaining("start");
    assertThatThrownBy(() -> IsoSchedule.parse("")).hasMessageContaining("empty");
  }
}
