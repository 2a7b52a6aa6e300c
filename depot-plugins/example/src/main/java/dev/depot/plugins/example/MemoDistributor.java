package dev.depot.plugins.example;

import dev.depot.plugin.ConfigConduit;
import dev.depot.plugin.ConfiguredDistributor;
import dev.depot.plugin.Distributor;
import dev.depot.plugin.Platform;
import dev.depot.plugin.PluginCallConfiguration;
import dev.depot.plugin.PluginMetadata;
import dev.depot.plugin.PublishConduit;
import dev.depot.plugin.PublishReport;
import dev.depot.plugin.Repository;
import dev.depot.plugin.ServedPath;
import dev.depot.plugin.ValidationResult;
import dev.depot.publish.tree.TreePaths;
import dev.depot.publish.tree.TreePublisher;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * {@code memo_distributor}: serves a repository's memos over HTTP and/or HTTPS under {@code
 * /pulp/memos/<relative_url>/}, with a {@code SHA256SUMS} index, so a published tree is itself a
 * feed another Depot can sync. See {@link MemoPublish} for the publish itself.
 */
public final class MemoDistributor implements Distributor {
  /** The distributor type id. */
  public static final String ID = "memo_distributor";

  /** The keys the distributor takes. */
  static final Set<String> KEYS = Set.of("relative_url", "serve_http", "serve_https");

  private Platform platform;
  private volatile MemoPublish running;
  private volatile boolean cancelled;

  // tag::distributor-init[]
  @Override
  public void init(Platform platform) {
    this.platform = platform; // where trees are built and served, and the server's URLs
  }

  @Override
  public PluginMetadata metadata() {
    return new PluginMetadata(ID, "Memo Distributor", List.of(MemoTypes.MEMO));
  }

  // end::distributor-init[]

  // tag::distributor-validate[]
  @Override
  public ValidationResult validateConfig(
      Repository repo, PluginCallConfiguration config, ConfigConduit conduit) {
    for (String key : config.keys()) {
      if (!KEYS.contains(key)) {
        return ValidationResult.invalid(key + " is not a memo_distributor setting", key);
      }
    }
    config.getBoolean("serve_http"); // throws naming the key when it is not a boolean
    config.getBoolean("serve_https");
    String url = relativeUrl(repo, config);
    try {
      TreePaths.resolveInside(Path.of("/"), url); // no "..", no absolute path, no empty segment
    } catch (IllegalArgumentException e) {
      return ValidationResult.invalid("relative_url " + e.getMessage(), "relative_url");
    }
    try (Stream<ConfiguredDistributor> others = conduit.otherDistributors();
        Stream<ConfiguredDistributor> siblings = conduit.siblingDistributors()) {
      Optional<ConfiguredDistributor> clash =
          Stream.concat(others.filter(other -> !other.repoId().equals(repo.id())), siblings)
              .filter(other -> overlaps(url, relativeUrl(other.repoId(), other.config())))
              .findFirst();
      if (clash.isPresent()) {
        return ValidationResult.invalid(
            "relative_url "
                + url
                + " overlaps where repository "
                + clash.get().repoId()
                + " publishes its memos",
            "relative_url");
      }
    }
    return ValidationResult.valid();
  }

  // end::distributor-validate[]

  /** Equal, or one inside the other: either publish would hide part of the other. */
  private static boolean overlaps(String a, String b) {
    return a.equals(b) || a.startsWith(b + "/") || b.startsWith(a + "/");
  }

  static String relativeUrl(Repository repo, PluginCallConfiguration config) {
    return relativeUrl(repo.id(), config.flatten());
  }

  private static String relativeUrl(String repoId, Map<String, Object> config) {
    Object url = config.get("relative_url");
    String text = url instanceof String s ? s : repoId;
    return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
  }

  static boolean serves(PluginCallConfiguration config, String protocol) {
    return config.getBoolean("serve_" + protocol, protocol.equals("https"));
  }

  /** What this config serves, so the platform refuses it to every other distributor. */
  @Override
  public List<ServedPath> servedPaths(Repository repo, PluginCallConfiguration config) {
    try {
      return List.of(
          new ServedPath("relative_url", MemoPublish.PREFIX + "/" + relativeUrl(repo, config)));
    } catch (IllegalArgumentException e) {
      return List.of(); // validateConfig refuses it, naming relative_url
    }
  }

  // tag::distributor-publish[]
  @Override
  public PublishReport publishRepo(
      Repository repo, PublishConduit conduit, PluginCallConfiguration config) {
    MemoPublish publish = new MemoPublish(platform, repo, conduit, config);
    running = publish;
    if (cancelled) {
      publish.cancel();
    }
    return publish.run();
  }

  @Override
  public void cancelPublishRepo() {
    cancelled = true;
    MemoPublish publish = running;
    if (publish != null) {
      publish.cancel();
    }
  }

  // end::distributor-publish[]

  @Override
  public void distributorRemoved(
      Repository repo, String distributorId, PluginCallConfiguration config) {
    try {
      for (String protocol : List.of("http", "https")) {
        TreePublisher.unpublish(MemoPublish.served(platform, protocol, relativeUrl(repo, config)));
      }
      TreePublisher.deleteAll(platform.masterDir(ID, repo.id(), distributorId));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  // tag::consumer-payload[]
  @Override
  public Map<String, Object> createConsumerPayload(
      Repository repo, PluginCallConfiguration config, Map<String, Object> bindingConfig) {
    String path = "/pulp/" + MemoPublish.PREFIX + "/" + relativeUrl(repo, config) + "/";
    List<String> protocols = new ArrayList<>();
    Map<String, Object> urls = new LinkedHashMap<>();
    for (String protocol : List.of("http", "https")) {
      if (serves(config, protocol)) {
        protocols.add(protocol);
        platform
            .baseUrl(protocol)
            .ifPresent(base -> urls.put(protocol, base.resolve(path).toString()));
      }
    }
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("relative_path", path);
    payload.put("protocols", protocols);
    payload.put("urls", urls);
    payload.put("index", Memo.INDEX);
    payload.put("ca_cert", protocols.contains("https") ? platform.caCertificatePem() : null);
    return payload;
  }
  // end::consumer-payload[]
}
