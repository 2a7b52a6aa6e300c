package dev.depot.publish.rsync;

import dev.depot.plugin.ConfigConduit;
import dev.depot.plugin.ConfiguredDistributor;
import dev.depot.plugin.Distributor;
import dev.depot.plugin.Platform;
import dev.depot.plugin.PluginCallConfiguration;
import dev.depot.plugin.PluginMetadata;
import dev.depot.plugin.PublishConduit;
import dev.depot.plugin.PublishReport;
import dev.depot.plugin.PublishedLocation;
import dev.depot.plugin.Repository;
import dev.depot.plugin.Unit;
import dev.depot.plugin.UnitCriteria;
import dev.depot.plugin.ValidationResult;
import dev.depot.publish.config.ConfigCheck;
import dev.depot.publish.tree.TreePublisher;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Pulp's rsync distributor of one content type (e.g. {@code iso_rsync_distributor}), its type given
 * by an {@link RsyncLayout}: pushes what a web distributor of the same repository (its {@code
 * predistributor_id}) published to a remote host with rsync over ssh, unit files to {@code
 * <root>/<remote_units_path>/} and the tree, with relative links to them, to {@code
 * <root>/<relative_url>/}. The platform skips a publish when the predistributor has not published
 * since this distributor's last push; a push whose unit list did not change since the last one
 * (kept in the scratchpad) sends the tree only, unless {@code force_full} is set.
 *
 * <p>A plugin registers one subclass per type, with a public no-argument constructor that passes
 * its layout (see {@link RsyncLayout}).
 */
public class RsyncDistributor implements Distributor {
  private final RsyncLayout layout;
  private final UnitCriteria unitsCriteria;
  private Platform platform;
  private volatile RsyncPush running;
  private volatile boolean cancelRequested;

  /** An rsync distributor of the layout's types, under the layout's id. */
  public RsyncDistributor(RsyncLayout layout) {
    this.layout = Objects.requireNonNull(layout, "layout");
    this.unitsCriteria = UnitCriteria.ofTypes(layout.metadata().types().toArray(String[]::new));
  }

  @Override
  public void init(Platform platform) {
    this.platform = platform;
  }

  @Override
  public PluginMetadata metadata() {
    return layout.metadata();
  }

  @Override
  public ValidationResult validateConfig(
      Repository repo, PluginCallConfiguration config, ConfigConduit conduit) {
    ConfigCheck check = new ConfigCheck(config);
    RsyncConfig.check(check, layout.predistributorTypeId());
    // Refused here rather than only at the first push: a typo or another type's id (an export
    // distributor's images pushed as the mirror) is the user's to fix when they write it.
    if (config.get("predistributor_id").orElse(null) instanceof String predistributorId
        && !predistributorId.isBlank()) {
      Predistributor.problem(
              predistributorId,
              conduit.distributorId(),
              conduit.sibling(predistributorId),
              repo.id(),
              layout.predistributorTypeId())
          .ifPresent(problem -> check.problem("predistributor_id", problem));
    }
    return check.result();
  }

  @Override
  public PublishReport publishRepo(
      Repository repo, PublishConduit conduit, PluginCallConfiguration config) {
    Objects.requireNonNull(platform, "init(Platform) must be called before publishing");
    ConfigCheck check = new ConfigCheck(config);
    RsyncConfig.check(check, layout.predistributorTypeId());
    if (check.result() instanceof ValidationResult.Invalid invalid) {
      return failure(conduit, "Invalid configuration: " + invalid.message());
    }
    String predistributorId = config.getString("predistributor_id").orElseThrow();
    Optional<ConfiguredDistributor> predistributor = conduit.sibling(predistributorId);
    // Checked at add and update, but the predistributor may have been removed (or replaced by
    // another type's under its id) since: another type's tree must not be pushed as this type's.
    Optional<String> problem =
        Predistributor.problem(
            predistributorId,
            Optional
                .empty(), // a publish finds itself among siblings: "is an ..._rsync_distributor"
            predistributor,
            repo.id(),
            layout.predistributorTypeId());
    if (problem.isPresent()) {
      return failure(conduit, problem.get());
    }
    PluginCallConfiguration webConfig = PluginCallConfiguration.of(predistributor.get().config());
    RsyncLayout.PublishedTree published = layout.publishedTree(platform, repo, webConfig);
    // Where the predistributor recorded its tree, HTTPS first; a publish made before the
    // platform recorded locations is found from its config.
    Path tree =
        conduit.publishedLocations(predistributorId).stream()
            .filter(l -> l.treePath() != null)
            .sorted(Comparator.comparing(l -> !l.protocol().equals("https")))
            .map(PublishedLocation::treePath)
            .findFirst()
            .orElse(published.tree());
    if (!Files.exists(tree)) {
      return failure(
          conduit,
          "Distributor "
              + predistributorId
              + " has not published repository "
              + repo.id()
              + " yet; publish it first, then push");
    }
    Optional<String> badPath = RsyncTarget.pathProblem("relative_url", published.remotePath());
    if (badPath.isPresent()) {
      return failure(conduit, "Cannot push to the remote: " + badPath.get());
    }
    try {
      return push(repo, conduit, config, tree, published.remotePath());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return PublishReport.canceled("cancelled", null);
    }
  }

  private PublishReport push(
      Repository repo,
      PublishConduit conduit,
      PluginCallConfiguration config,
      Path tree,
      String remotePath)
      throws IOException, InterruptedException {
    // Kept between pushes: ssh's memory of the host key, the staged tree, the pushed unit list.
    Path state = platform.masterDir(metadata().id(), repo.id(), conduit.distributorId());
    Path knownHosts = state.resolve("known_hosts");
    Files.createDirectories(state);
    boolean force = config.getBoolean("force_full", false);
    Map<String, Object> scratchpad = conduit.scratchpad().orElse(Map.of());
    boolean unitsOnly = config.getBoolean("content_units_only", false);
    RsyncPush.Request request =
        new RsyncPush.Request(
            RsyncConfig.target(config, knownHosts),
            unitsRoot(conduit),
            unitsOnly ? null : tree,
            remotePath,
            config.getBoolean("delete", false),
            force,
            scratchpad.get("units_digest") instanceof String digest ? digest : null,
            RsyncConfig.extraArgs(config),
            state.resolve("rsync"),
            config.getBoolean("skip_repodata", false) ? layout.metadataDirectories() : List.of());
    RsyncPush push = new RsyncPush(request, conduit::setProgress);
    running = push;
    if (cancelRequested) {
      push.cancel();
    }
    RsyncPush.Result result;
    try (Stream<Path> files =
        conduit.units(unitsCriteria).map(Unit::storagePath).filter(Objects::nonNull)) {
      result = push.push(files);
    } catch (RsyncFailure e) {
      return PublishReport.failure(e.getMessage(), e.getMessage());
    } finally {
      running = null;
    }
    if (result.canceled()) {
      return PublishReport.canceled(result.report(), result.report());
    }
    Map<String, Object> pad = new LinkedHashMap<>();
    pad.put("last_push", Instant.now().toString());
    pad.put("units_pushed", result.unitsTotal());
    pad.put("units_digest", result.unitsDigest());
    conduit.setScratchpad(pad);
    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("state", "finished");
    summary.put("units_total", result.unitsTotal());
    summary.put("units_sent", result.unitsSent());
    summary.put("units_step_skipped", result.unitsSkipped());
    summary.put("tree_sent", result.treeSent());
    summary.put("tree_deleted", result.treeDeleted());
    return PublishReport.success(summary, result.report())
        .publishedAt(List.of(pushedTo(request.target(), unitsOnly ? null : remotePath)));
  }

  /**
   * Where the push can be fetched from: the tree's directory on the remote, or with {@code
   * content_units_only} the units directory, with ssh's port when it is not 22 (see {@link
   * RsyncTarget#location}). Not on this host, so no local tree.
   */
  private static PublishedLocation pushedTo(RsyncTarget target, String treePath) {
    return new PublishedLocation(
        "rsync", target.location(treePath == null ? target.unitsPath() : treePath), null);
  }

  /**
   * The content store's units root: the {@code content/units} directory above the unit files, or,
   * for a repository without units, the one beside the publish root (the server's layout).
   */
  private Path unitsRoot(PublishConduit conduit) {
    try (Stream<Unit> first = conduit.units(unitsCriteria.withPage(1, 0))) {
      Optional<Path> file = first.map(Unit::storagePath).filter(Objects::nonNull).findFirst();
      for (Path p = file.map(Path::getParent).orElse(null); p != null; p = p.getParent()) {
        if (p.getFileName() != null
            && p.getFileName().toString().equals("units")
            && p.getParent() != null
            && p.getParent().getFileName() != null
            && p.getParent().getFileName().toString().equals("content")) {
          return p;
        }
      }
      return file.map(Path::getParent)
          .orElse(platform.publishRoot().resolveSibling("content").resolve("units"));
    }
  }

  /**
   * Forgets what was pushed: the staged tree, the pushed-unit list and the remembered host key. The
   * remote copy stays, as in Pulp: it belongs to the remote host.
   */
  @Override
  public void distributorRemoved(
      Repository repo, String distributorId, PluginCallConfiguration config) {
    try {
      TreePublisher.deleteAll(platform.masterDir(metadata().id(), repo.id(), distributorId));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void cancelPublishRepo() {
    cancelRequested = true;
    RsyncPush push = running;
    if (push != null) {
      push.cancel();
    }
  }

  private static PublishReport failure(PublishConduit conduit, String message) {
    Map<String, Object> report = new LinkedHashMap<>();
    report.put("state", "failed");
    report.put("error", message);
    conduit.setProgress(report);
    return PublishReport.failure(message, report);
  }
}
