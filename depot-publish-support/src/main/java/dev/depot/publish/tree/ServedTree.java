package dev.depot.publish.tree;

import dev.depot.plugin.Platform;
import dev.depot.plugin.PluginCallConfiguration;
import dev.depot.plugin.PublishedLocation;
import dev.depot.plugin.Repository;
import dev.depot.plugin.ServedPath;
import dev.depot.publish.config.ConfigCheck;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Where a distributor serving a static tree over HTTP and/or HTTPS publishes, from Pulp's keys
 * {@code relative_url} (the repository id when unset), {@code serve_http} (off when unset) and
 * {@code serve_https} (on when unset): at {@code /pulp/<prefix>/<relative_url>/}, a link per
 * protocol below {@link Platform#servedRoot}. What a distributor needs besides its own tree:
 * checking those keys, claiming the path ({@link dev.depot.plugin.Distributor#servedPaths}, so the
 * platform refuses overlaps across all types), committing a {@link TreePublisher.Build} to the
 * protocols served, the published locations, the consumer payload's URLs and unpublishing.
 *
 * <p>A type whose Pulp distributor differs says so: {@link #httpByDefault()}, {@link
 * #atRepositoryId()}, {@link #protocolKeys} (other names for the two protocol keys) and {@link
 * #relativeUrlRequired()}.
 */
public final class ServedTree {
  /** The key naming where below the prefix the tree is served. */
  public static final String RELATIVE_URL = "relative_url";

  /** The key switching plain HTTP on. */
  public static final String SERVE_HTTP = "serve_http";

  /** The key switching HTTPS off. */
  public static final String SERVE_HTTPS = "serve_https";

  /** The three keys this class reads; a distributor adds its own. */
  public static final Set<String> KEYS = Set.of(RELATIVE_URL, SERVE_HTTP, SERVE_HTTPS);

  /** How long a replaced tree stays on disk for clients still reading it. */
  public static final Duration GRACE = Duration.ofMinutes(5);

  private static final List<String> PROTOCOLS = List.of("http", "https");

  private final String distributorTypeId;
  private final String prefix;
  private final boolean httpByDefault;
  private final boolean atRepositoryId;
  private final String httpKey;
  private final String httpsKey;
  private final boolean relativeUrlRequired;

  /**
   * A tree at {@code relative_url} (default: the repository id), served over HTTPS unless {@code
   * serve_https} is false and over HTTP only when {@code serve_http} is true, as Pulp's ISO
   * distributor.
   *
   * @param distributorTypeId names the distributor's master directories
   * @param prefix the first segment below {@code /pulp/}, e.g. {@code isos}
   */
  public ServedTree(String distributorTypeId, String prefix) {
    this(distributorTypeId, prefix, false, false, SERVE_HTTP, SERVE_HTTPS, false);
  }

  /** The type id of the distributor publishing here (e.g. {@code iso_distributor}). */
  public String distributorTypeId() {
    return distributorTypeId;
  }

  private ServedTree(
      String distributorTypeId,
      String prefix,
      boolean httpByDefault,
      boolean atRepositoryId,
      String httpKey,
      String httpsKey,
      boolean relativeUrlRequired) {
    this.distributorTypeId = distributorTypeId;
    this.prefix = prefix;
    this.httpByDefault = httpByDefault;
    this.atRepositoryId = atRepositoryId;
    this.httpKey = httpKey;
    this.httpsKey = httpsKey;
    this.relativeUrlRequired = relativeUrlRequired;
  }

  /**
   * The same tree served over plain HTTP unless {@code serve_http} is false, and over HTTPS only
   * when {@code serve_https} is true (Pulp's puppet distributor's defaults).
   */
  public ServedTree httpByDefault() {
    return new ServedTree(
        distributorTypeId, prefix, true, atRepositoryId, httpKey, httpsKey, relativeUrlRequired);
  }

  /**
   * The same tree always at the repository's id, with no {@code relative_url} key: for types whose
   * clients find a repository by its id (Pulp's puppet distributor, a Forge API per repository).
   */
  public ServedTree atRepositoryId() {
    return new ServedTree(distributorTypeId, prefix, httpByDefault, true, httpKey, httpsKey, false);
  }

  /**
   * The same tree switched on and off per protocol by other keys than {@code serve_http} and {@code
   * serve_https}: for a type whose Pulp distributor named them differently (Pulp's yum_distributor
   * reads {@code http} and {@code https}). Defaults and checks stay the same.
   *
   * @param httpKey the boolean key for plain HTTP
   * @param httpsKey the boolean key for HTTPS
   */
  public ServedTree protocolKeys(String httpKey, String httpsKey) {
    return new ServedTree(
        distributorTypeId,
        prefix,
        httpByDefault,
        atRepositoryId,
        httpKey,
        httpsKey,
        relativeUrlRequired);
  }

  /**
   * The same tree, but a config without {@code relative_url} is refused rather than served at the
   * repository id: for types whose Pulp distributor required it (yum_distributor).
   */
  public ServedTree relativeUrlRequired() {
    return new ServedTree(
        distributorTypeId, prefix, httpByDefault, atRepositoryId, httpKey, httpsKey, true);
  }

  /**
   * The keys this tree reads: {@code relative_url} (unless at the id) and the two protocol keys,
   * {@link #KEYS} unless {@link #protocolKeys} renamed them.
   */
  public Set<String> keys() {
    return atRepositoryId ? Set.of(httpKey, httpsKey) : Set.of(RELATIVE_URL, httpKey, httpsKey);
  }

  /** The protocol's tree of this type below {@code /pulp/}: {@code <served root>/<prefix>}. */
  public Path typeRoot(Platform platform, String protocol) {
    return platform.servedRoot(protocol).resolve(prefix);
  }

  /**
   * Refuses, naming the key, a protocol key that is not a boolean, an unsafe relative_url, or a
   * missing one when {@link #relativeUrlRequired}.
   */
  public void check(ConfigCheck check, Repository repo) {
    check.bool(httpKey);
    check.bool(httpsKey);
    if (atRepositoryId) {
      return; // onlyKeys refuses a relative_url; the id is checked where repositories are made
    }
    boolean given = check.has(RELATIVE_URL);
    if (!given && relativeUrlRequired) {
      check.problem(RELATIVE_URL, RELATIVE_URL + " is required");
      return;
    }
    String text = check.string(RELATIVE_URL); // a value that is not a string is a problem already
    if (given && text == null) {
      return;
    }
    try {
      RelativeUrl.parse(given ? text : repo.id());
    } catch (IllegalArgumentException e) {
      check.problem(RELATIVE_URL, e.getMessage());
    }
  }

  /**
   * The configured relative_url, or the repository id.
   *
   * @throws IllegalArgumentException when it is not safe ({@link #check} refuses it)
   */
  public RelativeUrl relativeUrl(Repository repo, PluginCallConfiguration config) {
    if (atRepositoryId) {
      return RelativeUrl.parse(repo.id());
    }
    return RelativeUrl.parse(config.getString(RELATIVE_URL).orElse(repo.id()));
  }

  /** Whether the config serves over {@code protocol} ({@code http} or {@code https}). */
  public boolean serves(PluginCallConfiguration config, String protocol) {
    boolean https = protocol.equals("https");
    return config.getBoolean(https ? httpsKey : httpKey, https ? !httpByDefault : httpByDefault);
  }

  /** The protocols the config serves over, HTTP first. */
  public List<String> protocols(PluginCallConfiguration config) {
    return PROTOCOLS.stream().filter(protocol -> serves(config, protocol)).toList();
  }

  /** The URL path clients read the tree at: {@code /pulp/<prefix>/<relative_url>/}. */
  public String urlPath(RelativeUrl url) {
    return "/pulp/" + prefix + "/" + url + "/";
  }

  /** The tree's path below {@code /pulp/}: {@code <prefix>/<relative_url>}, as claimed. */
  public String pathBelowPulp(RelativeUrl url) {
    return prefix + "/" + url;
  }

  /**
   * The path the config claims, or none when its relative_url is refused anyway. A tree always at
   * the repository's id claims it under {@code distributor_type_id}: no key of the config decides
   * it, so a clash is the type's, not a relative_url the user never set.
   */
  public List<ServedPath> servedPaths(Repository repo, PluginCallConfiguration config) {
    try {
      String key = atRepositoryId ? "distributor_type_id" : RELATIVE_URL;
      RelativeUrl url = relativeUrl(repo, config);
      // A refusal names the relative_url as the user typed it, not the path with the prefix.
      String given = atRepositoryId ? repo.id() : config.getString(RELATIVE_URL).orElse(repo.id());
      return List.of(new ServedPath(key, pathBelowPulp(url), given));
    } catch (IllegalArgumentException e) {
      return List.of(); // check refuses it, naming relative_url
    }
  }

  /** The link a client's {@code protocol} request for the tree resolves. */
  public Path servedLink(Platform platform, String protocol, RelativeUrl url) {
    return platform.servedRoot(protocol).resolve(prefix).resolve(url.path());
  }

  /**
   * The link to read the published tree through, for a copy of it (rsync): the HTTPS one when
   * served there, else the HTTP one (both lead to the same tree when both are served).
   */
  public Path readableLink(Platform platform, RelativeUrl url, PluginCallConfiguration config) {
    return servedLink(platform, serves(config, "https") ? "https" : "http", url);
  }

  /**
   * The link serving a repository's tree over {@code protocol}, whatever relative_url it was
   * published at: what an HTTP API beside the trees ({@link dev.depot.plugin.ContentApi}) reads,
   * since it is addressed by repository id. Found by walking this prefix's links for one into the
   * repository's master directories, so it costs a directory walk of the prefix (not of the trees);
   * when two distributors of the type serve the repository, the first link in path order wins.
   *
   * @param repoId the repository's id, one path segment
   * @return the link, or empty when nothing of the repository is served over {@code protocol}
   */
  public Optional<Path> servedTreeOf(Platform platform, String protocol, String repoId)
      throws IOException {
    Path root = platform.servedRoot(protocol).resolve(prefix);
    boolean oneSegment =
        !repoId.isEmpty()
            && !repoId.contains("/")
            && !repoId.contains("\\")
            && !repoId.equals(".")
            && !repoId.equals("..");
    if (!oneSegment || !Files.isDirectory(root)) {
      return Optional.empty(); // an id that is not one segment names no repository's trees
    }
    Path masters = platform.masterDir(distributorTypeId, repoId, "_").getParent();
    try (Stream<Path> paths = Files.walk(root)) {
      return paths
          .filter(Files::isSymbolicLink)
          .filter(link -> pointsInto(link, masters))
          .sorted()
          .findFirst();
    } catch (UncheckedIOException e) {
      throw e.getCause(); // a directory removed by an unpublish while walking
    }
  }

  private static boolean pointsInto(Path link, Path dir) {
    try {
      return Files.readSymbolicLink(link).startsWith(dir);
    } catch (IOException e) {
      return false; // replaced while walking: the next request sees the new link
    }
  }

  /** Where the distributor's trees are built. */
  public Path masterDir(Platform platform, Repository repo, String distributorId) {
    return platform.masterDir(distributorTypeId, repo.id(), distributorId);
  }

  /**
   * Serves {@code build} over the protocols the config serves, stops serving at the others and at
   * {@code alsoStop} (e.g. where a previous relative_url served), each in one atomic rename.
   *
   * @return where the tree is now served, for {@code PublishReport.publishedAt}
   */
  public List<PublishedLocation> commit(
      TreePublisher.Build build,
      Platform platform,
      RelativeUrl url,
      PluginCallConfiguration config,
      List<Path> alsoStop)
      throws IOException {
    List<Path> serve = new ArrayList<>();
    List<Path> stop = new ArrayList<>(alsoStop);
    for (String protocol : PROTOCOLS) {
      (serves(config, protocol) ? serve : stop).add(servedLink(platform, protocol, url));
    }
    build.commit(serve, stop, GRACE);
    return locations(platform, url, config);
  }

  /** Where a publish with this config is served: one location per protocol it serves. */
  public List<PublishedLocation> locations(
      Platform platform, RelativeUrl url, PluginCallConfiguration config) {
    return protocols(config).stream()
        .map(p -> new PublishedLocation(p, urlPath(url), servedLink(platform, p, url)))
        .toList();
  }

  /**
   * The links at {@code url} still serving a tree of {@code masterDir}: what a publish to a new
   * relative_url stops serving, leaving alone a place another repository has taken meanwhile.
   */
  public List<Path> stillServing(Platform platform, RelativeUrl url, Path masterDir)
      throws IOException {
    List<Path> ours = new ArrayList<>();
    for (String protocol : PROTOCOLS) {
      Path link = servedLink(platform, protocol, url);
      if (Files.isSymbolicLink(link) && Files.readSymbolicLink(link).startsWith(masterDir)) {
        ours.add(link);
      }
    }
    return ours;
  }

  /**
   * Stops serving the distributor's trees over both protocols and deletes every tree built for it:
   * at the config's relative_url, and wherever else a link of the prefix points into its master
   * directory (a relative_url changed since the last publish), so no link is left dangling.
   */
  public void unpublish(
      Platform platform, Repository repo, String distributorId, PluginCallConfiguration config)
      throws IOException {
    RelativeUrl url = relativeUrl(repo, config);
    Path master = masterDir(platform, repo, distributorId);
    for (String protocol : PROTOCOLS) {
      Path root = platform.servedRoot(protocol);
      TreePublisher.unpublish(root, servedLink(platform, protocol, url));
      for (Path link : linksInto(root.resolve(prefix), master)) {
        TreePublisher.unpublish(root, link);
      }
    }
    TreePublisher.deleteAll(master);
  }

  /** The links below {@code root} pointing into {@code dir}; links are not followed. */
  private static List<Path> linksInto(Path root, Path dir) throws IOException {
    if (!Files.isDirectory(root)) {
      return List.of();
    }
    try (Stream<Path> paths = Files.walk(root)) {
      return paths.filter(Files::isSymbolicLink).filter(link -> pointsInto(link, dir)).toList();
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  /**
   * The consumer payload's common part, following the current config: {@code relative_path}, {@code
   * protocols}, {@code urls} (per protocol, where the server's base URL is known) and {@code
   * ca_cert} (the server's CA when HTTPS is served). Mutable, for the type's own entries.
   */
  public Map<String, Object> consumerPayload(
      Platform platform, Repository repo, PluginCallConfiguration config) {
    String path = urlPath(relativeUrl(repo, config));
    List<String> protocols = protocols(config);
    Map<String, Object> urls = new LinkedHashMap<>();
    for (String protocol : protocols) {
      platform
          .baseUrl(protocol)
          .ifPresent(base -> urls.put(protocol, base.resolve(path).toString()));
    }
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("relative_path", path);
    payload.put("protocols", protocols);
    payload.put("urls", urls);
    payload.put("ca_cert", protocols.contains("https") ? platform.caCertificatePem() : null);
    return payload;
  }
}
