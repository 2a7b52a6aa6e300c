package dev.depot.plugins.file;

import dev.depot.plugin.Platform;
import dev.depot.plugin.PluginCallConfiguration;
import dev.depot.plugin.PublishConduit;
import dev.depot.plugin.PublishReport;
import dev.depot.plugin.Repository;
import dev.depot.plugin.Unit;
import dev.depot.plugin.UnitCriteria;
import dev.depot.publish.tree.Protection;
import dev.depot.publish.tree.TreePublisher;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.stream.Stream;

/**
 * One publish of an {@code iso} repository: a new tree with one symlink per unit, named by the
 * unit's {@code name}, plus a {@code PULP_MANIFEST}, switched into place at {@code
 * /pulp/isos/<relative_url>/} for each protocol the config asks for, in one rename each. Units are
 * streamed from the database, so memory stays flat whatever the repository's size.
 */
final class IsoPublish {
  /** The layout's location below each protocol root, as Pulp's URLs have it. */
  static final String PREFIX = "isos";

  /** How long a superseded tree stays on disk for clients still reading it. */
  static final Duration GRACE = Duration.ofMinutes(5);

  private static final int REPORT_EVERY = 2000;

  private final Platform platform;
  private final Repository repo;
  private final PublishConduit conduit;
  private final PluginCallConfiguration config;
  private volatile boolean cancelled;

  IsoPublish(
      Platform platform, Repository repo, PublishConduit conduit, PluginCallConfiguration config) {
    this.platform = platform;
    this.repo = repo;
    this.conduit = conduit;
    this.config = config;
  }

  void cancel() {
    cancelled = true;
  }

  PublishReport run() throws IOException {
    RelativeUrl url = relativeUrl(repo, config);
    long total = repo.contentUnitCounts().getOrDefault(FileContentTypes.ISO, 0L);
    long[] done = {0};
    report("in_progress", total, 0, null);
    try (TreePublisher.Build build = TreePublisher.begin(masterDir(platform, repo, url))) {
      build.write(
          "PULP_MANIFEST",
          out -> {
            Writer manifest =
                new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
            try (Stream<Unit> units = conduit.units(UnitCriteria.ofTypes(FileContentTypes.ISO))) {
              for (Unit unit : (Iterable<Unit>) units::iterator) {
                if (cancelled || Thread.currentThread().isInterrupted()) {
                  throw new CancellationException("publish cancelled");
                }
                ManifestEntry entry = ManifestEntry.of(unit);
                link(build, entry, unit);
                manifest.write(entry.line());
                manifest.write('\n');
                if (++done[0] % REPORT_EVERY == 0) {
                  report("in_progress", total, done[0], null);
                }
              }
            }
            manifest.flush();
          });
      List<Path> served = new ArrayList<>();
      List<Path> unserved = new ArrayList<>();
      for (String protocol : List.of("http", "https")) {
        Path path = servedPath(platform, protocol, url);
        (serves(config, protocol) ? served : unserved).add(path);
      }
      protect(url);
      build.commit(served, unserved, GRACE);
    } catch (CancellationException e) {
      Map<String, Object> report = report("cancelled", total, done[0], null);
      return PublishReport.canceled(report, report);
    }
    Map<String, Object> report = report("complete", total, done[0], null);
    return PublishReport.success(report, report);
  }

  private static void link(TreePublisher.Build build, ManifestEntry entry, Unit unit)
      throws IOException {
    try {
      build.link(entry.name(), unit.storagePath());
    } catch (FileAlreadyExistsException e) {
      throw new IOException(
          "two units are named " + entry.name() + "; a repository can publish only one of them", e);
    }
  }

  private void protect(RelativeUrl url) throws IOException {
    String served = PREFIX + "/" + url;
    var ca = config.getString("ssl_auth_ca_cert");
    if (ca.isPresent()) {
      Protection.protect(platform.publishRoot(), served, ca.get());
    } else {
      Protection.unprotect(platform.publishRoot(), served);
    }
  }

  private Map<String, Object> report(String state, long total, long done, String error) {
    Map<String, Object> report = new LinkedHashMap<>();
    report.put("state", state);
    report.put("num_units", total);
    report.put("num_processed", done);
    report.put("error_message", error);
    conduit.setProgress(report);
    return report;
  }

  /** Removes what {@code run} published for this config: links, trees, protection. */
  static void unpublish(Platform platform, Repository repo, PluginCallConfiguration config)
      throws IOException {
    RelativeUrl url = relativeUrl(repo, config);
    for (String protocol : List.of("http", "https")) {
      TreePublisher.unpublish(servedPath(platform, protocol, url));
    }
    Protection.unprotect(platform.publishRoot(), PREFIX + "/" + url);
    TreePublisher.deleteAll(masterDir(platform, repo, url));
  }

  static RelativeUrl relativeUrl(Repository repo, PluginCallConfiguration config) {
    return RelativeUrl.parse(config.getString("relative_url").orElse(repo.id()));
  }

  static boolean serves(PluginCallConfiguration config, String protocol) {
    return protocol.equals("http")
        ? config.getBoolean("serve_http", IsoDistributor.DEFAULT_SERVE_HTTP)
        : config.getBoolean("serve_https", IsoDistributor.DEFAULT_SERVE_HTTPS);
  }

  static Path servedPath(Platform platform, String protocol, RelativeUrl url) {
    return platform.servedRoot(protocol).resolve(PREFIX).resolve(url.path());
  }

  // Keyed by the relative URL: the removal hook gets the config, not the distributor id.
  private static Path masterDir(Platform platform, Repository repo, RelativeUrl url) {
    return platform.masterDir(
        IsoDistributor.ID, repo.id(), url.path().replace("%", "%25").replace("/", "%2F"));
  }
}
