package dev.depot.publish.export;

import dev.depot.plugin.PluginCallConfiguration;
import dev.depot.plugin.ValidationResult;
import dev.depot.publish.config.ConfigCheck;
import dev.depot.publish.config.TextList;
import dev.depot.publish.files.LocalPaths;
import dev.depot.publish.tree.RelativeUrl;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The config of {@code export_distributor} and {@code group_export_distributor}, as Pulp spells it:
 * {@code http}/{@code https} (required), {@code iso_prefix}, {@code iso_size} (MB), a {@code
 * start_date}/{@code end_date} window, {@code relative_url}, {@code export_dir}, {@code manifest},
 * {@code skip} (type ids) and {@code force_full}. Neither check depends on the repository or on
 * other distributors; every problem is reported at once, naming its key.
 */
final class ExportConfig {
  /** A single-layer DVD, in MB (Pulp's default). */
  static final long DEFAULT_ISO_SIZE_MB = 4380;

  static final Set<String> KEYS =
      Set.of(
          "http",
          "https",
          "iso_prefix",
          "iso_size",
          "start_date",
          "end_date",
          "relative_url",
          "export_dir",
          "manifest",
          "skip",
          "force_full");

  private static final Pattern PREFIX = Pattern.compile("[_A-Za-z0-9-]+");

  private ExportConfig() {}

  /**
   * Checks a whole config.
   *
   * @param types the content types the installed layouts export: what {@code skip} may name
   */
  static ValidationResult validate(PluginCallConfiguration config, List<String> types) {
    ConfigCheck check = new ConfigCheck(config);
    check.onlyKeys(KEYS);
    for (Map.Entry<String, Object> entry : config.repoConfig().entrySet()) {
      if (entry.getValue() == null) {
        check.problem(entry.getKey(), entry.getKey() + " must not be null");
      }
    }
    for (String key : List.of("http", "https")) {
      if (!check.has(key)) {
        check.problem(key, key + " is required (true or false)");
      }
    }
    for (String key : List.of("http", "https", "manifest", "force_full")) {
      check.bool(key);
    }
    String prefix = check.string("iso_prefix");
    if (prefix != null && !PREFIX.matcher(prefix).matches()) {
      check.problem("iso_prefix", "iso_prefix may hold only letters, digits, '_' and '-'");
    }
    check.number("iso_size", 1, 1 << 22);
    Instant start = date(check, "start_date");
    Instant end = date(check, "end_date");
    if (start != null && end != null && start.isAfter(end)) {
      check.problem("end_date", "end_date must not be before start_date");
    }
    checkPlaces(check);
    checkSkip(check, types);
    return check.result();
  }

  /**
   * {@code skip}: a list of type ids, or comma-separated text as the other distributors and the
   * importers take it; a type no layout exports (a misspelling) is refused rather than leaving the
   * export to carry what the user meant to leave out.
   */
  private static void checkSkip(ConfigCheck check, List<String> types) {
    Set<String> skipped;
    try {
      skipped = skipped(check.config());
    } catch (IllegalArgumentException e) {
      check.problem("skip", "skip must be a list of content type ids");
      return;
    }
    List<String> unknown = skipped.stream().filter(t -> !types.contains(t)).toList();
    if (!unknown.isEmpty()) {
      check.problem(
          "skip",
          "skip names types no export has: "
              + String.join(", ", unknown)
              + "; known: "
              + String.join(", ", new TreeSet<>(types)));
    }
  }

  /** The types {@code skip} names. */
  static Set<String> skipped(PluginCallConfiguration config) {
    return TextList.of(config.get("skip").orElse(null), "content type ids");
  }

  /** Where the export goes: {@code relative_url} on the web, or {@code export_dir} on disk. */
  private static void checkPlaces(ConfigCheck check) {
    String url = check.string("relative_url");
    if (url != null) {
      try {
        RelativeUrl.parse(url);
      } catch (IllegalArgumentException e) {
        check.problem("relative_url", e.getMessage());
      }
    }
    String dir = check.string("export_dir");
    if (dir != null) {
      Path path = Path.of(dir);
      if (!path.isAbsolute()) {
        check.problem("export_dir", "export_dir must be an absolute path");
      } else if (!Files.isDirectory(path) || !Files.isWritable(path)) {
        check.problem(
            "export_dir", "export_dir must be an existing directory the server can write");
      } else {
        LocalPaths.refusedForWriting(path)
            .ifPresent(why -> check.problem("export_dir", "export_dir " + why + "; refused"));
      }
    }
  }

  /** An ISO 8601 date or date-time (a bare date is midnight UTC), or null when not given. */
  private static Instant date(ConfigCheck check, String key) {
    String text = check.string(key);
    return text == null ? null : parseDate(text, check, key);
  }

  private static Instant parseDate(String text, ConfigCheck check, String key) {
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      try {
        return LocalDate.parse(text).atStartOfDay().toInstant(ZoneOffset.UTC);
      } catch (DateTimeParseException again) {
        check.problem(key, key + " must be an ISO 8601 date, e.g. 2026-11-01T00:00:00Z");
        return null;
      }
    }
  }
}
