package dev.depot.plugin.testkit;

import dev.depot.plugin.MissingUnitFilesException;
import dev.depot.plugin.PublishReport;
import dev.depot.plugin.PublishedLocation;
import dev.depot.plugin.Repository;
import dev.depot.plugin.Unit;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BinaryOperator;
import java.util.stream.Stream;

/**
 * One repository and the content store behind it, held in memory, with unit files in a real
 * directory: what the platform's database and content store are to a plugin, so that a plugin runs
 * alone in a unit test. Hand a plugin one of its conduits ({@link #syncConduit}, {@link
 * #uploadConduit}, {@link #publishConduit}) and read back what it did: the units, their files, the
 * progress reports and the scratchpads.
 *
 * <pre>{@code
 * InMemoryContent content = InMemoryContent.under(tempDir);
 * Unit unit = content.add(new UnitSpec("note", Map.of("name", "a"), Map.of(), "a.txt"), bytes);
 * PublishReport report = distributor.publishRepo(
 *     content.taskRepository(), content.publishConduit("web"), config);
 * }</pre>
 *
 * <p>Thread-safe: a plugin may save units from several threads.
 */
public final class InMemoryContent {
  private final Path storeDir;
  private final Path workDir;
  private final String repoId;
  private final AtomicLong nextId = new AtomicLong();
  private final AtomicInteger openStreams = new AtomicInteger();
  // (type, key) -> unit, across the whole "server"; the repository holds a subset of them.
  private final Map<String, Unit> stored = new LinkedHashMap<>();
  private final Map<String, Instant> associated = new LinkedHashMap<>();
  private final Map<String, Map<String, Object>> scratchpads = new LinkedHashMap<>();
  private final Map<String, Instant> lastRuns = new LinkedHashMap<>();
  private final Map<String, List<PublishedLocation>> locations = new LinkedHashMap<>();
  private final List<Object> progress = new ArrayList<>();
  private final List<List<Unit>> versions = new ArrayList<>();
  private Map<String, Object> repoScratchpad = new LinkedHashMap<>();

  private InMemoryContent(Path dir, String repoId) {
    this.storeDir = dir.resolve("content").toAbsolutePath();
    this.workDir = dir.resolve("working").toAbsolutePath();
    this.repoId = repoId;
  }

  /** An empty repository {@code contract_repo} whose unit files are stored under {@code dir}. */
  public static InMemoryContent under(Path dir) {
    return under(dir, "contract_repo");
  }

  /** An empty repository with the given id whose unit files are stored under {@code dir}. */
  public static InMemoryContent under(Path dir, String repoId) {
    return new InMemoryContent(dir, repoId);
  }

  /** The directory unit files are stored in (the content store). */
  public Path storeDir() {
    return storeDir;
  }

  /** The repository as a plugin sees it outside a task: no working directory. */
  public synchronized Repository repository() {
    Map<String, Long> counts = new TreeMap<>();
    for (Unit unit : units()) {
      counts.merge(unit.typeId(), 1L, Long::sum);
    }
    return new Repository(repoId, repoId, null, Map.of(), null, counts, null, null);
  }

  /** The repository as a plugin sees it in a task: with a fresh, empty working directory. */
  public Repository taskRepository() {
    try {
      Files.createDirectories(workDir);
      return repository().withWorkingDir(Files.createTempDirectory(workDir, "task-"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A conduit for {@code Importer.syncRepo}, reading and writing this repository. */
  public InMemorySyncConduit syncConduit() {
    return new InMemorySyncConduit(this, "importer");
  }

  /** A conduit for {@code Importer.uploadUnit}. */
  public InMemoryUploadConduit uploadConduit() {
    return new InMemoryUploadConduit(this, "importer");
  }

  /**
   * A conduit for {@code Importer.importUnits} copying from {@code source} into this repository:
   * {@code sourceUnits} reads {@code source}, {@code units} and {@code associateUnit} this one.
   */
  public InMemoryImportConduit importConduit(InMemoryContent source) {
    return new InMemoryImportConduit(this, source);
  }

  /**
   * A conduit for {@code Distributor.publishRepo} of the distributor with that id, publishing the
   * repository's content as it is now: recorded as a new version first if it changed since the
   * latest ({@link #recordVersion}).
   */
  public InMemoryPublishConduit publishConduit(String distributorId) {
    return new InMemoryPublishConduit(this, distributorId, recordVersion());
  }

  /**
   * Records the repository's units as a new version if they changed since the latest one, as the
   * platform does when a task that changed the repository ends.
   *
   * @return the latest version's number (0 for the first one recorded)
   */
  public synchronized long recordVersion() {
    List<Unit> now = units().stream().sorted(java.util.Comparator.comparing(Unit::id)).toList();
    if (versions.isEmpty() || !now.equals(versions.getLast())) {
      versions.add(now);
    }
    return versions.size() - 1;
  }

  /**
   * Forgets a version, as the platform does with versions beyond a repository's retention: a
   * publish that published it then gets no changes since it and publishes in full.
   */
  public synchronized void forgetVersion(long number) {
    versions.set((int) number, null);
  }

  /** A recorded version's units in unit id order, or null if it was never recorded or forgotten. */
  synchronized List<Unit> version(long number) {
    return number >= 0 && number < versions.size() ? versions.get((int) number) : null;
  }

  /**
   * Stores a unit with these bytes as its file (or none, when {@code content} is null) and
   * associates it with the repository, as a sync or upload would.
   */
  public Unit add(UnitSpec spec, byte[] content) {
    Unit unit = initUnit(spec.typeId(), spec.unitKey(), spec.metadata(), spec.fileName());
    if (content != null) {
      try {
        Files.createDirectories(unit.storagePath().getParent());
        Files.write(unit.storagePath(), content);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return save(unit);
  }

  /** Takes the unit out of the repository; it and its file stay stored, as on the platform. */
  public synchronized void remove(Unit unit) {
    associated.remove(key(unit));
  }

  /** The repository's units, in the order they were first saved. */
  public synchronized List<Unit> units() {
    return associated.keySet().stream().map(stored::get).toList();
  }

  /** The repository's units whose stored file holds exactly these bytes. */
  public List<Unit> unitsHolding(byte[] bytes) {
    return units().stream()
        .filter(u -> u.storagePath() != null && holds(u.storagePath(), bytes))
        .toList();
  }

  /**
   * The unit files in the content store, whether their units are in the repository or not: every
   * regular file, but not hidden helpers (names starting with a dot, such as link templates or
   * files being moved into place).
   */
  public List<Path> storedFiles() {
    if (!Files.isDirectory(storeDir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.walk(storeDir)) {
      return files
          .filter(f -> Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS))
          .filter(f -> !f.getFileName().toString().startsWith("."))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Whether the file exists and holds exactly these bytes. */
  static boolean holds(Path file, byte[] bytes) {
    try {
      return Files.isRegularFile(file) && Arrays.equals(Files.readAllBytes(file), bytes);
    } catch (IOException e) {
      return false;
    }
  }

  /** Every progress report handed to any conduit of this content, oldest first. */
  public synchronized List<Object> progressReports() {
    return List.copyOf(progress);
  }

  /** A plugin's scratchpad ({@code "importer"} or a distributor id), if it set one. */
  public synchronized Optional<Map<String, Object>> scratchpadOf(String pluginKey) {
    return Optional.ofNullable(scratchpads.get(pluginKey));
  }

  /** The repository-wide scratchpad. */
  public synchronized Map<String, Object> repoScratchpad() {
    return Map.copyOf(repoScratchpad);
  }

  /**
   * Records that the plugin's last sync or publish succeeded now, as the platform does after a
   * successful report; later conduits answer {@code lastSync()} / {@code lastPublish()} with it.
   */
  public synchronized void recordSuccess(String pluginKey) {
    lastRuns.put(pluginKey, Instant.now());
  }

  /**
   * Records a distributor's successful publish as the platform does: its time, and the locations
   * its report named, which later conduits answer {@code publishedLocations(distributorId)} with. A
   * report that did not succeed changes nothing.
   */
  public synchronized void recordPublish(String distributorId, PublishReport report) {
    if (report instanceof PublishReport.Published published) {
      lastRuns.put(distributorId, Instant.now());
      locations.put(distributorId, published.locations());
    }
  }

  /** Where the distributor's last successful publish said it can be reached; empty if none. */
  public synchronized List<PublishedLocation> publishedLocations(String distributorId) {
    return locations.getOrDefault(distributorId, List.of());
  }

  /** How many unit streams handed out by this content's conduits were never closed. */
  public int unclosedStreams() {
    return openStreams.get();
  }

  synchronized Optional<Instant> lastSuccess(String pluginKey) {
    return Optional.ofNullable(lastRuns.get(pluginKey));
  }

  Unit initUnit(
      String typeId, Map<String, Object> unitKey, Map<String, Object> metadata, String fileName) {
    Path path = null;
    if (fileName != null) {
      Path name = Path.of(fileName).getFileName();
      path = storeDir.resolve(typeId).resolve(sha256(new TreeMap<>(unitKey).toString()));
      path = path.resolve(name == null ? "file" : name.toString());
    }
    return new Unit(null, typeId, unitKey, metadata, path);
  }

  synchronized Unit save(Unit unit) {
    Unit existing = stored.get(key(unit));
    Unit kept = existing != null ? existing : unit.withId(String.format("u%08d", nextId.get() + 1));
    if (kept.storagePath() != null && !Files.exists(kept.storagePath())) { // a file or a directory
      throw new MissingUnitFilesException(List.of(unit));
    }
    if (existing == null) {
      nextId.incrementAndGet();
      stored.put(key(kept), kept);
    }
    associated.putIfAbsent(key(kept), Instant.now());
    return kept;
  }

  synchronized Unit merge(Unit unit, BinaryOperator<Map<String, Object>> merge) {
    if (unit.storagePath() != null) {
      throw new IllegalArgumentException("only a unit without a file merges into a stored one");
    }
    Unit existing = stored.get(key(unit));
    if (existing == null) {
      return save(unit);
    }
    Unit kept = existing.withMetadata(merge.apply(existing.metadata(), unit.metadata()));
    stored.put(key(kept), kept);
    associated.putIfAbsent(key(kept), Instant.now());
    return kept;
  }

  synchronized Unit replace(Unit unit) {
    if (unit.storagePath() == null) {
      throw new IllegalArgumentException("only a unit with a file or directory is replaced");
    }
    Unit existing = stored.get(key(unit));
    if (existing == null || existing.storagePath().equals(unit.storagePath())) {
      return save(existing == null ? unit : existing);
    }
    if (!Files.exists(unit.storagePath())) {
      throw new MissingUnitFilesException(List.of(unit));
    }
    Unit kept =
        new Unit(existing.id(), unit.typeId(), unit.unitKey(), unit.metadata(), unit.storagePath());
    stored.put(key(kept), kept);
    associated.putIfAbsent(key(kept), Instant.now());
    return kept;
  }

  synchronized Optional<Unit> find(String typeId, Map<String, Object> unitKey) {
    return Optional.ofNullable(stored.get(key(typeId, unitKey)));
  }

  synchronized Stream<Unit> query(UnitQuery query) {
    List<Unit> matching = new ArrayList<>();
    associated.forEach(
        (key, since) -> {
          if (query.matches(stored.get(key), since)) {
            matching.add(stored.get(key));
          }
        });
    openStreams.incrementAndGet();
    return query.page(matching).stream().onClose(openStreams::decrementAndGet);
  }

  synchronized void progress(Object report) {
    progress.add(report);
  }

  synchronized Optional<Map<String, Object>> scratchpad(String pluginKey) {
    return Optional.ofNullable(scratchpads.get(pluginKey)).map(LinkedHashMap::new);
  }

  synchronized void setScratchpad(String pluginKey, Map<String, Object> value) {
    scratchpads.put(pluginKey, new LinkedHashMap<>(value));
  }

  synchronized void setRepoScratchpad(Map<String, Object> value) {
    repoScratchpad = new LinkedHashMap<>(value);
  }

  synchronized void updateRepoScratchpad(Map<String, Object> changes) {
    repoScratchpad.putAll(changes);
  }

  private static String key(Unit unit) {
    return key(unit.typeId(), unit.unitKey());
  }

  private static String key(String typeId, Map<String, Object> unitKey) {
    return typeId + " " + new TreeMap<>(unitKey);
  }

  static String sha256(String text) {
    return sha256(text.getBytes(StandardCharsets.UTF_8));
  }

  /** The SHA-256 of the bytes, in lower-case hex. */
  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
