package dev.depot.server.example;

import dev.depot.plugin.ConfigConduit;
import dev.depot.plugin.Distributor;
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
import java.util.Set;

/**
 * Two test-only distributor types, {@code shelf_distributor} and {@code crate_distributor}, that
 * both serve under {@code /pulp/shared/<relative_url>/} over HTTP. Neither checks the other's
 * {@code relative_url} (a plugin only sees its own type): the platform's served-path check must.
 * Publishing writes {@code index.txt} naming the type and reports the location; with {@code
 * copy_of} set, a publish reads where that sibling published and writes its tree path instead.
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

  private abstract static class Base implements Distributor {
    private static final Set<String> KEYS = Set.of("relative_url", "copy_of");
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
      return ValidationResult.valid();
    }

    private static String relativeUrl(Repository repo, PluginCallConfiguration config) {
      return config.getString("relative_url").orElse(repo.id());
    }

    @Override
    public List<ServedPath> servedPaths(Repository repo, PluginCallConfiguration config) {
      return List.of(new ServedPath("relative_url", "shared/" + relativeUrl(repo, config)));
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
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return PublishReport.success(Map.of("wrote", text), null)
          .publishedAt(List.of(new PublishedLocation("http", "/pulp/shared/" + url + "/", tree)));
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
