package dev.depot.plugin.testkit;

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
import dev.depot.plugin.Unit;
import dev.depot.plugin.UnitCriteria;
import dev.depot.plugin.ValidationResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A distributor of {@code note} units written against the plugin API alone, the way {@link
 * PublishContract} wants: a tree of hard links to the unit files built aside, then switched in with
 * one symlink rename per protocol. It takes over the tree before the served one, which nobody reads
 * any more, and changes only the entries that differ. Built with a {@link Flaw}, it breaks one
 * promise of the contract, so the contract's own tests can show each check failing.
 */
public final class NoteDistributor implements Distributor {
  /** One way of breaking the publish contract. */
  enum Flaw {
    NONE,
    WRITES_IN_PLACE,
    IGNORES_CANCEL,
    COPIES_EVERY_FILE,
    REBUILDS_EVERY_TREE,
    KEEPS_REMOVED_UNITS,
    PAYLOAD_NAMES_EVERY_PROTOCOL,
    CLAIMS_ANOTHER_PATH,
    REPORTS_NO_LOCATIONS
  }

  static final String TYPE = "note";
  private static final Set<String> KEYS = Set.of("relative_url", "serve_http", "serve_https");

  private final Flaw flaw;
  private Platform platform;
  private volatile boolean cancelled;

  /** The well-behaved distributor, as ServiceLoader creates it. */
  public NoteDistributor() {
    this(Flaw.NONE);
  }

  NoteDistributor(Flaw flaw) {
    this.flaw = flaw;
  }

  @Override
  public void init(Platform platform) {
    this.platform = platform;
  }

  @Override
  public PluginMetadata metadata() {
    return new PluginMetadata("note_distributor", "Note Distributor", List.of(TYPE));
  }

  @Override
  public ValidationResult validateConfig(
      Repository repo, PluginCallConfiguration config, ConfigConduit conduit) {
    for (String key : config.repoConfig().keySet()) {
      if (!KEYS.contains(key)) {
        return ValidationResult.invalid("Unknown configuration key: " + key, key);
      }
    }
    config.getBoolean("serve_http");
    config.getBoolean("serve_https");
    String url = config.getString("relative_url").orElse(repo.id());
    if (url.contains("..") || url.startsWith("/")) {
      return ValidationResult.invalid("relative_url must stay below the root", "relative_url");
    }
    return ValidationResult.valid();
  }

  @Override
  public PublishReport publishRepo(
      Repository repo, PublishConduit conduit, PluginCallConfiguration config) {
    try {
      return flaw == Flaw.WRITES_IN_PLACE
          ? publishInPlace(repo, conduit, config)
          : publishAside(repo, conduit, config);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private PublishReport publishAside(
      Repository repo, PublishConduit conduit, PluginCallConfiguration config) throws IOException {
    Path master =
        platform.masterDir(metadata().id(), repo.id(), conduit.distributorId()).toAbsolutePath();
    Path build = Files.createDirectories(master).resolve(".building-" + System.nanoTime());
    List<Path> trees = trees(master);
    if (trees.size() >= 2 && flaw != Flaw.REBUILDS_EVERY_TREE && flaw != Flaw.KEEPS_REMOVED_UNITS) {
      Files.move(trees.get(trees.size() - 2), build);
    } else {
      Files.createDirectory(build);
    }
    if (flaw == Flaw.KEEPS_REMOVED_UNITS) {
      keepPrevious(served(repo, config, "https"), build);
    }
    if (!fill(build, conduit)) {
      FileTrees.delete(build);
      return PublishReport.canceled("cancelled", null);
    }
    Path tree = master.resolve("tree-" + System.nanoTime());
    Files.move(build, tree);
    List<PublishedLocation> locations = new ArrayList<>();
    for (String protocol : List.of("http", "https")) {
      Path served = served(repo, config, protocol);
      if (serves(config, protocol)) {
        Files.createDirectories(served.getParent());
        Path temp = served.resolveSibling(".switch-" + System.nanoTime());
        Files.createSymbolicLink(temp, tree);
        Files.move(temp, served, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        locations.add(new PublishedLocation(protocol, "/pulp/" + path(repo, config) + "/", tree));
      } else {
        Files.deleteIfExists(served);
      }
    }
    prune(master, tree);
    PublishReport.Published report = PublishReport.success("published", null);
    return flaw == Flaw.REPORTS_NO_LOCATIONS ? report : report.publishedAt(locations);
  }

  /** The broken way: straight into the served directory, one file after another. */
  private PublishReport publishInPlace(
      Repository repo, PublishConduit conduit, PluginCallConfiguration config) throws IOException {
    for (String protocol : List.of("http", "https")) {
      if (serves(config, protocol)) {
        Path served = Files.createDirectories(served(repo, config, protocol));
        try (Stream<Path> old = Files.list(served)) {
          for (Path file : old.toList()) {
            Files.delete(file);
          }
        }
        if (!fill(served, conduit)) {
          return PublishReport.canceled("cancelled", null);
        }
      }
    }
    return PublishReport.success("published", null);
  }

  /**
   * Brings the links in {@code dir} in line with the units, leaving alone those already right, and
   * writes the manifest; false when cancelled.
   */
  private boolean fill(Path dir, PublishConduit conduit) throws IOException {
    List<String> manifest = new ArrayList<>();
    Set<String> stale = new HashSet<>();
    try (Stream<Path> present = Files.list(dir)) {
      present.map(p -> p.getFileName().toString()).forEach(stale::add);
    }
    try (Stream<Unit> units = conduit.units(UnitCriteria.ofTypes(TYPE))) {
      for (Unit unit : (Iterable<Unit>) units::iterator) {
        if (cancelled && flaw != Flaw.IGNORES_CANCEL) {
          return false;
        }
        String name = String.valueOf(unit.unitKey().get("name"));
        stale.remove(name);
        place(dir.resolve(name), unit.storagePath());
        manifest.add(name + "," + unit.unitKey().get("checksum"));
      }
    }
    stale.remove("MANIFEST");
    for (String name : flaw == Flaw.KEEPS_REMOVED_UNITS ? Set.<String>of() : stale) {
      Files.delete(dir.resolve(name));
    }
    Files.write(dir.resolve("MANIFEST"), manifest);
    return true;
  }

  private void place(Path link, Path file) throws IOException {
    if (flaw != Flaw.COPIES_EVERY_FILE && Files.exists(link) && Files.isSameFile(link, file)) {
      return;
    }
    Files.deleteIfExists(link);
    if (flaw == Flaw.COPIES_EVERY_FILE) {
      Files.copy(file, link);
    } else {
      Files.createLink(link, file);
    }
  }

  private static void keepPrevious(Path served, Path build) throws IOException {
    if (!Files.isDirectory(served)) {
      return;
    }
    try (Stream<Path> old = Files.list(served)) {
      for (Path file : old.toList()) {
        Files.createLink(build.resolve(file.getFileName().toString()), file);
      }
    }
  }

  private Path served(Repository repo, PluginCallConfiguration config, String protocol) {
    return platform.servedRoot(protocol).resolve(path(repo, config));
  }

  /** Where the repository is served below {@code /pulp/}. */
  private static String path(Repository repo, PluginCallConfiguration config) {
    return "notes/" + config.getString("relative_url").orElse(repo.id());
  }

  @Override
  public List<ServedPath> servedPaths(Repository repo, PluginCallConfiguration config) {
    String claimed = flaw == Flaw.CLAIMS_ANOTHER_PATH ? "elsewhere/x" : path(repo, config);
    return List.of(new ServedPath("relative_url", claimed));
  }

  private static boolean serves(PluginCallConfiguration config, String protocol) {
    return config.getBoolean("serve_" + protocol, protocol.equals("https"));
  }

  private static List<Path> trees(Path master) throws IOException {
    try (Stream<Path> listed = Files.list(master)) {
      return listed.filter(p -> p.getFileName().toString().startsWith("tree-")).sorted().toList();
    }
  }

  /** Deletes every tree but the newest two: a reader of the one before may still be at it. */
  private static void prune(Path master, Path current) throws IOException {
    List<Path> trees = trees(master);
    for (Path old : trees.subList(0, Math.max(0, trees.size() - 2))) {
      if (!old.equals(current)) {
        FileTrees.delete(old);
      }
    }
  }

  @Override
  public void cancelPublishRepo() {
    cancelled = true;
  }

  @Override
  public Map<String, Object> createConsumerPayload(
      Repository repo, PluginCallConfiguration config, Map<String, Object> bindingConfig) {
    List<String> protocols =
        flaw == Flaw.PAYLOAD_NAMES_EVERY_PROTOCOL
            ? List.of("http", "https")
            : Stream.of("http", "https").filter(p -> serves(config, p)).toList();
    return Map.of("protocols", protocols);
  }
}
