package dev.depot.server.example;

import dev.depot.plugin.ConfigConduit;
import dev.depot.plugin.Distributor;
import dev.depot.plugin.FileTrees;
import dev.depot.plugin.Platform;
import dev.depot.plugin.PluginCallConfiguration;
import dev.depot.plugin.PluginMetadata;
import dev.depot.plugin.PublishConduit;
import dev.depot.plugin.PublishReport;
import dev.depot.plugin.PublishedLocation;
import dev.depot.plugin.Repository;
import dev.depot.plugin.ServedPath;
import dev.depot.plugin.ValidationResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Two test-only distributor types, {@code shelf_distributor} and {@code crate_distributor}, that
 * both serve under {@code /pulp/shared/<relative_url>/} over HTTP. Neither checks the other's
 * {@code relative_url} (a plugin only sees its own type): the platform's served-path check must.
 * Publishing writes {@code index.txt} naming the type and reports the location; with {@code
 * copy_of} set, a publish reads where that sibling published and writes its tree path instead. Each
 * publish also leaves a file in its master directory; removal deletes both.
 */
public final class ClaimingDistributors {
  private ClaimingDistributors() {}

  /** The {@code shelf_distributor} type. */
  public static final class Shelf extends Base {
    /** Registered through ServiceLoader. */
    public Shelf() {
      super("shelf_distributor");
    }
  }

  /** The {@code crate_distributor} type. */
  public static final class Crate extends Base {
    /** Registered through ServiceLoader. */
    public Crate() {
      super("crate_distributor");
    }
  }

  /** Validations with {@code await_peer} count down the current latch; tests reset it. */
  public static final AtomicReference<CountDownLatch> PEERS =
      new AtomicReference<>(new CountDownLatch(2));

  /** Whether the last validation with {@code await_peer} met its peer. */
  public static final AtomicBoolean PEERS_MET = new AtomicBoolean();

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private abstract static class Base implements Distributor {
    private static final Set<String> KEYS =
        Set.of(
            "relative_url",
            "copy_of",
            "await_peer",
            "claim_millis",
            "removed_pause_file",
            "removed_error");
    private final String id;
    private Platform platform;

    Base(String id) {
      this.id = id;
    }

    @Override
    public void init(Platform platform) {
      this.platform = platform;
    }

    @Override
    public PluginMetadata metadata() {
      return new PluginMetadata(id, id, List.of("note"));
    }

    @Override
    public ValidationResult validateConfig(
        Repository repo, PluginCallConfiguration config, ConfigConduit conduit) {
      for (String key : config.repoConfig().keySet()) {
        if (!KEYS.contains(key)) {
          return ValidationResult.invalid("Unknown configuration key: " + key, key);
        }
      }
      if (config.getBoolean("await_peer", false)) {
        awaitPeer();
      }
      return ValidationResult.valid();
    }

    /**
     * Returns once another validation with {@code await_peer} has arrived too (or after 10 s), so
     * two requests are known to run their checks at the same time; {@link #PEERS_MET} says whether
     * they did.
     */
    private static void awaitPeer() {
      CountDownLatch peers = PEERS.get();
      peers.countDown();
      try {
        PEERS_MET.set(peers.await(10, TimeUnit.SECONDS));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    private static String relativeUrl(Repository repo, PluginCallConfiguration config) {
      return config.getString("relative_url").orElse(repo.id());
    }

    @Override
    public List<ServedPath> servedPaths(Repository repo, PluginCallConfiguration config) {
      // Widens the window between a claim's check and its insert, where a race would slip in.
      sleep(config.getLong("claim_millis").orElse(0L));
      String url = relativeUrl(repo, config);
      return List.of(new ServedPath("relative_url", "shared/" + url, url));
    }

    @Override
    public PublishReport publishRepo(
        Repository repo, PublishConduit conduit, PluginCallConfiguration config) {
      String url = relativeUrl(repo, config);
      Path tree = platform.servedRoot("http").resolve("shared").resolve(url);
      String text =
          config
              .getString("copy_of")
              .map(
                  sibling ->
                      conduit.publishedLocations(sibling).stream()
                          .map(l -> l.protocol() + " " + l.servedPath() + " " + l.treePath())
                          .toList()
                          .toString())
              .orElse(id);
      try {
        Files.createDirectories(tree);
        Files.writeString(tree.resolve("index.txt"), text);
        Path master = platform.masterDir(id, repo.id(), conduit.distributorId());
        Files.createDirectories(master);
        Files.writeString(master.resolve("published.txt"), url);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return PublishReport.success(Map.of("wrote", text), null)
          .publishedAt(List.of(new PublishedLocation("http", "/pulp/shared/" + url + "/", tree)));
    }

    /**
     * Unpublishes: the served tree first, then (while the file {@code removed_pause_file} names
     * exists, up to a minute, so a test can kill the server there) the master directory. With
     * {@code removed_error} it throws an Error instead.
     */
    @Override
    public void distributorRemoved(
        Repository repo, String distributorId, PluginCallConfiguration config) {
      if (config.getBoolean("removed_error", false)) {
        throw new NoSuchMethodError("as a plugin built against another SDK would");
      }
      try {
        FileTrees.delete(
            platform.servedRoot("http").resolve("shared").resolve(relativeUrl(repo, config)));
        Optional<Path> pause = config.getString("removed_pause_file").map(Path::of);
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        while (pause.isPresent() && Files.exists(pause.get()) && System.nanoTime() < deadline) {
          sleep(20);
        }
        FileTrees.delete(platform.masterDir(id, repo.id(), distributorId));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public Map<String, Object> createConsumerPayload(
        Repository repo,
        PluginCallConfiguration config,
        Map<String, Object> bindingConfig,
        List<PublishedLocation> published) {
      return Map.of("served", published.stream().map(PublishedLocation::servedPath).toList());
    }
  }
}
