package dev.depot.server.example;

import dev.depot.plugin.FileTrees;
import dev.depot.plugin.GroupDistributor;
import dev.depot.plugin.GroupPublishConduit;
import dev.depot.plugin.Platform;
import dev.depot.plugin.PluginCallConfiguration;
import dev.depot.plugin.PluginMetadata;
import dev.depot.plugin.PublishReport;
import dev.depot.plugin.PublishedLocation;
import dev.depot.plugin.RepositoryGroup;
import dev.depot.plugin.ServedPath;
import dev.depot.plugin.ValidationResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * A test-only group distributor, {@code bundle_group_distributor}, that claims {@code
 * /pulp/shared/<relative_url>/} (by default {@code shared/groups/<group id>}), where the {@link
 * ClaimingDistributors} of repositories serve too: the platform's served-path check must weigh
 * repository and group distributors against each other. Publishing writes {@code index.txt} there
 * naming the group's members; removal deletes the tree, after waiting while the file {@code
 * removed_pause_file} names exists (up to a minute), so a test can kill the server between the
 * removal's commit and the unpublishing; {@code publish_pause_file} holds a publish the same way
 * before it writes the tree, having written the file {@code publish_started_mark} names (the task's
 * state says "running" before the platform has read the distributor's config).
 */
public final class ClaimingGroupDistributor implements GroupDistributor {
  private static final Set<String> KEYS =
      Set.of("relative_url", "removed_pause_file", "publish_pause_file", "publish_started_mark");

  private Platform platform;

  @Override
  public void init(Platform platform) {
    this.platform = platform;
  }

  @Override
  public PluginMetadata metadata() {
    return new PluginMetadata("bundle_group_distributor", "Bundle", List.of("note"));
  }

  @Override
  public ValidationResult validateConfig(RepositoryGroup group, PluginCallConfiguration config) {
    for (String key : config.repoConfig().keySet()) {
      if (!KEYS.contains(key)) {
        return ValidationResult.invalid("Unknown configuration key: " + key, key);
      }
    }
    return ValidationResult.valid();
  }

  private static String relativeUrl(RepositoryGroup group, PluginCallConfiguration config) {
    return config.getString("relative_url").orElse("groups/" + group.id());
  }

  @Override
  public List<ServedPath> servedPaths(RepositoryGroup group, PluginCallConfiguration config) {
    String url = relativeUrl(group, config);
    return List.of(new ServedPath("relative_url", "shared/" + url, url));
  }

  @Override
  public PublishReport publishGroup(
      RepositoryGroup group, GroupPublishConduit conduit, PluginCallConfiguration config) {
    String url = relativeUrl(group, config);
    Path tree = platform.servedRoot("http").resolve("shared").resolve(url);
    try {
      Optional<String> started = config.getString("publish_started_mark");
      if (started.isPresent()) {
        Files.writeString(Path.of(started.get()), group.id());
      }
      awaitGone(config.getString("publish_pause_file"));
      Files.createDirectories(tree);
      Files.writeString(tree.resolve("index.txt"), String.join("\n", group.repoIds()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return PublishReport.canceled("interrupted", null);
    }
    return PublishReport.success("published", null)
        .publishedAt(List.of(new PublishedLocation("http", "/pulp/shared/" + url + "/", tree)));
  }

  @Override
  public void distributorRemoved(
      RepositoryGroup group, String distributorId, PluginCallConfiguration config) {
    try {
      awaitGone(config.getString("removed_pause_file"));
      FileTrees.delete(
          platform.servedRoot("http").resolve("shared").resolve(relativeUrl(group, config)));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Waits (up to a minute) while the file a test named exists. */
  private static void awaitGone(Optional<String> file) throws InterruptedException {
    Optional<Path> pause = file.map(Path::of);
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
    while (pause.isPresent() && Files.exists(pause.get()) && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
  }
}
