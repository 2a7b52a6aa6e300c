package dev.depot.plugins.file;

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
import dev.depot.publish.cancel.Cancellation;
import dev.depot.publish.config.ConfigCheck;
import dev.depot.publish.tls.Pem;
import dev.depot.publish.tree.RelativeUrl;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Pulp's {@code iso_distributor}: publishes a repository's files over HTTP and/or HTTPS under
 * {@code /pulp/isos/<relative_url>/}. This class validates its configuration (a {@code
 * relative_url} another repository publishes at, or inside, is refused), publishes atomically (see
 * {@link IsoPublish}) and builds consumer payloads with the URLs a client needs.
 */
public final class IsoDistributor implements Distributor {
  /** The distributor type id, as in Pulp. */
  public static final String ID = "iso_distributor";

  /** Whether the repository is served over plain HTTP when {@code serve_http} is not set. */
  static final boolean DEFAULT_SERVE_HTTP = false;

  /** Whether the repository is served over HTTPS when {@code serve_https} is not set. */
  static final boolean DEFAULT_SERVE_HTTPS = true;

  static final Set<String> KEYS =
      Set.of("serve_http", "serve_https", "force_full", "relative_url", "ssl_auth_ca_cert");

  private Platform platform;
  private final Cancellation cancellation = new Cancellation();

  @Override
  public void init(Platform platform) {
    this.platform = platform;
  }

  private Platform platform() {
    if (platform == null) {
      throw new IllegalStateException("init(Platform) must be called before publishing");
    }
    return platform;
  }

  @Override
  public PluginMetadata metadata() {
    return new PluginMetadata(ID, "ISO Distributor", List.of(FileContentTypes.ISO));
  }

  @Override
  public ValidationResult validateConfig(
      Repository repo, PluginCallConfiguration config, ConfigConduit conduit) {
    ConfigCheck check = new ConfigCheck(config);
    check.onlyKeys(KEYS);
    for (String key : List.of("serve_http", "serve_https", "force_full")) {
      check.bool(key);
    }
    String ca = check.string("ssl_auth_ca_cert");
    if (ca != null && !Pem.isCertificates(ca)) {
      check.problem(
          "ssl_auth_ca_cert", "ssl_auth_ca_cert must be PEM-encoded X.509 certificate(s)");
    }
    relativeUrl(check, repo).ifPresent(url -> conflicts(check, repo, url, conduit));
    return check.result();
  }

  private static Optional<RelativeUrl> relativeUrl(ConfigCheck check, Repository repo) {
    boolean given = check.has("relative_url");
    String text = check.string("relative_url");
    if (given && text == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(RelativeUrl.parse(given ? text : repo.id()));
    } catch (IllegalArgumentException e) {
      check.problem("relative_url", e.getMessage());
      return Optional.empty();
    }
  }

  /**
   * Refuses a relative_url that equals or nests with another iso distributor's, in another
   * repository or in this one: one published tree would sit inside the other, and publishing either
   * would replace or shadow part of the other.
   */
  private static void conflicts(
      ConfigCheck check, Repository repo, RelativeUrl url, ConfigConduit conduit) {
    Optional<ConfiguredDistributor> clash;
    try (Stream<ConfiguredDistributor> siblings = conduit.siblingDistributors()) {
      clash = siblings.filter(other -> overlaps(url, other)).findFirst();
    }
    if (clash.isPresent()) {
      check.problem(
          "relative_url",
          "relative_url "
              + url
              + " conflicts with distributor "
              + clash.get().distributorId()
              + " of the same repository, published at "
              + effectiveUrl(clash.get()).orElseThrow());
      return;
    }
    try (Stream<ConfiguredDistributor> others = conduit.otherDistributors()) {
      others
          // Only other repositories can take this one's place; never refuse its own update.
          .filter(other -> !other.repoId().equals(repo.id()))
          .filter(other -> overlaps(url, other))
          .findFirst()
          .ifPresent(
              other ->
                  check.problem(
                      "relative_url",
                      "relative_url "
                          + url
                          + " conflicts with repository "
                          + other.repoId()
                          + ", published at "
                          + effectiveUrl(other).orElseThrow()));
    }
  }

  private static boolean overlaps(RelativeUrl url, ConfiguredDistributor other) {
    return effectiveUrl(other).map(url::overlaps).orElse(false);
  }

  private static Optional<RelativeUrl> effectiveUrl(ConfiguredDistributor other) {
    Object configured = other.config().get("relative_url");
    try {
      return Optional.of(RelativeUrl.parse(configured instanceof String s ? s : other.repoId()));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  @Override
  public PublishReport publishRepo(
      Repository repo, PublishConduit conduit, PluginCallConfiguration config) {
    IsoPublish publish = new IsoPublish(platform(), repo, conduit, config);
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
      IsoPublish.unpublish(platform(), repo, distributorId, config);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public List<ServedPath> servedPaths(Repository repo, PluginCallConfiguration config) {
    try {
      RelativeUrl url = IsoPublish.relativeUrl(repo, config);
      return List.of(new ServedPath("relative_url", IsoPublish.PREFIX + "/" + url));
    } catch (IllegalArgumentException e) {
      return List.of(); // validateConfig refuses it, naming relative_url
    }
  }

  /**
   * The URLs follow the current config, as Pulp's do: a binding read right after {@code serve_http}
   * is switched on already offers HTTP, ahead of the next publish.
   */
  @Override
  public Map<String, Object> createConsumerPayload(
      Repository repo, PluginCallConfiguration config, Map<String, Object> bindingConfig) {
    String path = "/pulp/" + IsoPublish.PREFIX + "/" + IsoPublish.relativeUrl(repo, config) + "/";
    List<String> protocols = new ArrayList<>();
    Map<String, Object> urls = new LinkedHashMap<>();
    for (String protocol : List.of("http", "https")) {
      if (IsoPublish.serves(config, protocol)) {
        protocols.add(protocol);
        platform()
            .baseUrl(protocol)
            .ifPresent(base -> urls.put(protocol, base.resolve(path).toString()));
      }
    }
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("relative_path", path);
    payload.put("protocols", protocols);
    payload.put("urls", urls);
    payload.put("manifest", "PULP_MANIFEST");
    payload.put("ca_cert", protocols.contains("https") ? platform().caCertificatePem() : null);
    payload.put("ssl_auth", config.get("ssl_auth_ca_cert").isPresent());
    return payload;
  }
}
