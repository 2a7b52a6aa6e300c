package dev.depot.plugins.file;

import dev.depot.plugin.ConfigConduit;
import dev.depot.plugin.Distributor;
import dev.depot.plugin.Platform;
import dev.depot.plugin.PluginCallConfiguration;
import dev.depot.plugin.PluginMetadata;
import dev.depot.plugin.PublishConduit;
import dev.depot.plugin.PublishReport;
import dev.depot.plugin.Repository;
import dev.depot.plugin.ValidationResult;
import dev.depot.publish.config.ConfigCheck;
import dev.depot.publish.tree.RelativeUrl;
import java.io.IOException;
import java.io.UncheckedIOException;
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
import java.util.regex.Pattern;

/**
 * Pulp's {@code export_distributor} for {@code iso} repositories: packs the repository (or the
 * units added in a {@code start_date}/{@code end_date} window) into ISO 9660 images of at most
 * {@code iso_size} MB, each with its {@code .DIGESTS}, published atomically under {@code
 * /pulp/exports/<relative_url>/}; or, with {@code export_dir}, writes the plain tree there. See
 * {@link ExportPublish}.
 */
public final class ExportDistributor implements Distributor {
  /** The distributor type id, as in Pulp. */
  public static final String ID = "export_distributor";

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

  private Platform platform;
  private final Cancellation cancellation = new Cancellation();

  @Override
  public void init(Platform platform) {
    this.platform = platform;
  }

  @Override
  public PluginMetadata metadata() {
    return new PluginMetadata(ID, "Export Distributor", List.of(FileContentTypes.ISO));
  }

  @Override
  public ValidationResult validateConfig(
      Repository repo, PluginCallConfiguration config, ConfigConduit conduit) {
    return validate(config);
  }

  /**
   * The checks of an export config, shared with {@link GroupExportDistributor}: neither depends on
   * the repository or on other distributors.
   */
  static ValidationResult validate(PluginCallConfiguration config) {
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
      }
    }
    if (config.get("skip").isPresent()
        && !(config.get("skip").get() instanceof List<?> list
            && list.stream().allMatch(String.class::isInstance))) {
      check.problem("skip", "skip must be a list of content type ids");
    }
    return check.result();
  }

  /** An ISO 8601 date or date-time (a bare date is midnight UTC), or null when not given. */
  static Instant date(ConfigCheck check, String key) {
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

  @Override
  public PublishReport publishRepo(
      Repository repo, PublishConduit conduit, PluginCallConfiguration config) {
    ValidationResult valid = validate(config);
    if (valid instanceof ValidationResult.Invalid invalid) {
      // Overrides are not validated when queued: check the merged config again, as Pulp does.
      return PublishReport.failure(invalid.message(), Map.of("fields", invalid.fields()));
    }
    ExportPublish publish = ExportPublish.ofRepository(platform, repo, conduit, config);
    return cancellation.run(
        publish::cancel, publish::run, () -> PublishReport.canceled("cancelled", null));
  }

  @Override
  public void cancelPublishRepo() {
    cancellation.cancel();
  }

  @Override
  public void distributorRemoved(
      Repository repo, String distributorId, PluginCallConfiguration config) {
    try {
      ExportPublish.unpublish(
          platform,
          RelativeUrl.parse(config.getString("relative_url").orElse(repo.id())),
          platform.masterDir(ID, repo.id(), distributorId));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
