package dev.depot.plugins.rpm;

import java.util.List;
import java.util.Map;

/**
 * An erratum's metadata as Pulp keeps it: title, type, dates, severity, texts, references and the
 * package list (collections of packages by NEVRA and file name), checked field by field.
 */
final class ErratumFields {
  /**
   * The dates dnf's parser (libsolv) takes: a calendar date with an optional time, or seconds since
   * 1970 as SUSE's updateinfo has them.
   */
  private static final String DATE =
      "\\d{4}-\\d{2}-\\d{2}( \\d{2}:\\d{2}(:\\d{2})?)?( UTC)?|\\d{1,12}";

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
    if (p.text("epoch", false) == null) {
      p.put("epoch", "0");
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
    if (date != null && !date.matches(DATE)) {
      throw new IllegalArgumentException(
          f.named(field)
              + " must be a date, YYYY-MM-DD[ HH:MM:SS] or seconds since 1970, got "
              + date);
    }
  }
}
