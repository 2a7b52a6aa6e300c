package dev.depot.plugins.rpm;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An erratum's metadata as Pulp keeps it: title, type, dates, severity, texts, references and the
 * package list (collections of packages by NEVRA and file name), checked field by field.
 */
final class ErratumFields {
  /**
   * The dates dnf's parser (libsolv) takes: a calendar date with an optional time, or seconds since
   * 1970 as SUSE's updateinfo has them. The day and time must exist too: dnf shows an advisory of a
   * 13th month or a 25th hour as issued in 1970, and one of February 30 as of March 2.
   */
  private static final Pattern DATE =
      Pattern.compile(
          "(?<day>\\d{4}-\\d{2}-\\d{2})( (?<time>\\d{2}:\\d{2}(:\\d{2})?))?( UTC)?|\\d{1,12}");

  /** The fields naming a collection's module stream, as updateinfo's {@code <module>} has them. */
  static final List<String> MODULE = List.of("name", "stream", "version", "context", "arch");

  /** What a package of an erratum may suggest once it is installed. */
  static final List<String> SUGGESTED =
      List.of("reboot_suggested", "restart_suggested", "relogin_suggested");

  private ErratumFields() {}

  /**
   * The checked metadata.
   *
   * @throws IllegalArgumentException naming the first field that is wrong
   */
  static Map<String, Object> check(Map<String, Object> metadata) {
    Fields f = new Fields(metadata, "");
    f.text("title", true);
    f.text("type", true);
    String status = f.text("status", false);
    if (status == null) {
      f.put("status", "stable");
    }
    String version = f.text("version", false);
    if (version == null) {
      f.put("version", "1");
    }
    for (String text :
        List.of("severity", "summary", "description", "solution", "rights", "release", "from")) {
      f.text(text, false);
    }
    f.text("pushcount", false);
    date(f, "issued");
    date(f, "updated");
    f.bool("reboot_suggested", false);
    f.objects(
        "references",
        r -> {
          r.text("href", false);
          r.text("type", false);
          r.text("id", false);
          r.text("title", false);
        });
    f.objects(
        "pkglist",
        c -> {
          c.text("name", false);
          c.text("short", false);
          c.object("module", ErratumFields::module);
          c.objects("packages", ErratumFields::pkg);
        });
    return f.result();
  }

  private static void pkg(Fields p) {
    p.text("name", true);
    p.text("version", true);
    p.text("release", true);
    String epoch = p.text("epoch", false);
    if (epoch == null) {
      p.put("epoch", "0");
    } else if (!epoch.matches("\\d{1,10}")) {
      // An epoch is a number: another one matches no package, so the publish drops the entry.
      throw new IllegalArgumentException(
          p.named("epoch") + " must be a whole number (0 when the package has none), got " + epoch);
    }
    p.text("arch", true);
    p.text("filename", true);
    p.text("src", false);
    for (String suggested : SUGGESTED) {
      p.bool(suggested, false);
    }
    Object sum = p.raw("sum");
    if (sum != null) {
      if (!(sum instanceof List<?> pair)
          || pair.size() != 2
          || !(pair.get(0) instanceof String)
          || !(pair.get(1) instanceof String)) {
        throw new IllegalArgumentException(p.named("sum") + " must be [type, checksum]");
      }
      p.put("sum", List.copyOf(pair));
    }
  }

  /**
   * The module stream a collection's packages belong to (a modular erratum): dnf applies the
   * advisory only where that stream is enabled.
   */
  private static void module(Fields m) {
    for (String field : MODULE) {
      m.text(field, true);
    }
  }

  private static void date(Fields f, String field) {
    String date = f.text(field, false);
    if (date != null && !isDate(date)) {
      throw new IllegalArgumentException(
          f.named(field)
              + " must be a date, YYYY-MM-DD[ HH:MM:SS] or seconds since 1970, got "
              + date);
    }
  }

  private static boolean isDate(String date) {
    Matcher parts = DATE.matcher(date);
    if (!parts.matches()) {
      return false;
    }
    if (parts.group("day") == null) {
      return true; // seconds since 1970
    }
    try {
      LocalDate.parse(parts.group("day")); // ISO_LOCAL_DATE resolves strictly: no 2026-02-30
      if (parts.group("time") != null) {
        LocalTime.parse(parts.group("time"));
      }
      return true;
    } catch (DateTimeParseException e) {
      return false;
    }
  }
}
