package dev.depot.plugins.example;

import dev.depot.plugin.Platform;
import dev.depot.plugin.PluginCallConfiguration;
import dev.depot.plugin.PublishConduit;
import dev.depot.plugin.PublishReport;
import dev.depot.plugin.PublishedLocation;
import dev.depot.plugin.Repository;
import dev.depot.plugin.Unit;
import dev.depot.plugin.UnitCriteria;
import dev.depot.plugin.UnitCriteria.SortField;
import dev.depot.publish.tree.TreePublisher;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.stream.Stream;

/**
 * One publish of a memo repository: a new tree with one symlink per memo and a {@code SHA256SUMS}
 * index, switched into place at {@code <publishRoot>/<protocol>/memos/<relative_url>} in one rename
 * per protocol. A cancelled or failed publish leaves the previous tree served.
 */
final class MemoPublish {
  /** Below each protocol root: the content server answers {@code /pulp/memos/...} from here. */
  static final String PREFIX = "memos";

  /** How long a replaced tree stays on disk for clients still reading it. */
  private static final Duration GRACE = Duration.ofMinutes(5);

  /** Units in name order: the order of the index. */
  private static final UnitCriteria BY_NAME =
      UnitCriteria.ofTypes(MemoTypes.MEMO).withSort(List.of(new SortField("name", true)));

  private final Platform platform;
  private final Repository repo;
  private final PublishConduit conduit;
  private final PluginCallConfiguration config;
  private volatile boolean cancelled;
  private long published;

  MemoPublish(
      Platform platform, Repository repo, PublishConduit conduit, PluginCallConfiguration config) {
    this.platform = platform;
    this.repo = repo;
    this.conduit = conduit;
    this.config = config;
  }

  void cancel() {
    cancelled = true;
  }

  static Path served(Platform platform, String protocol, String relativeUrl) {
    return platform.servedRoot(protocol).resolve(PREFIX).resolve(relativeUrl);
  }

  // tag::publish-atomic[]
  PublishReport run() {
    String url = MemoDistributor.relativeUrl(repo, config);
    List<PublishedLocation> where = new ArrayList<>();
    Path master = platform.masterDir(MemoDistributor.ID, repo.id(), conduit.distributorId());
    // Takes over the tree before the served one, so only what changed since is touched.
    try (TreePublisher.Build build = TreePublisher.beginReusing(master)) {
      Map<String, Path> had = linked(build.previousIndex());
      try (Writer links = Files.newBufferedWriter(build.indexFile())) {
        build.write(Memo.INDEX, out -> linkMemos(build, out, had, links));
      }
      for (Map.Entry<String, Path> gone : had.entrySet()) {
        build.unlink(gone.getKey(), gone.getValue()); // memos no longer in the repository
      }
      List<Path> serve = new ArrayList<>();
      List<Path> stop = new ArrayList<>(previouslyServed(url, master));
      for (String protocol : List.of("http", "https")) {
        boolean serves = MemoDistributor.serves(config, protocol);
        (serves ? serve : stop).add(served(platform, protocol, url));
        if (serves) { // told to the platform: consumers, rsync and webserver-config read it
          String path = "/pulp/" + PREFIX + "/" + url + "/";
          where.add(new PublishedLocation(protocol, path, served(platform, protocol, url)));
        }
      }
      build.commit(serve, stop, GRACE); // one rename per protocol: old tree or new, never a mix
      conduit.setScratchpad(Map.of("relative_url", url));
    } catch (CancellationException e) {
      return PublishReport.canceled(report("cancelled"), null); // closing the build deleted it
    } catch (IOException e) {
      return PublishReport.failure("publish failed: " + e.getMessage(), report("failed"));
    }
    return PublishReport.success(report("complete"), null).publishedAt(where);
  }

  // end::publish-atomic[]

  // tag::publish-cancel[]
  private void linkMemos(
      TreePublisher.Build build, OutputStream index, Map<String, Path> had, Writer links)
      throws IOException {
    try (Stream<Unit> units = conduit.units(BY_NAME)) {
      for (Unit unit : (Iterable<Unit>) units::iterator) {
        if (cancelled) {
          throw new CancellationException("publish cancelled"); // checked once per memo
        }
        Memo memo = Memo.of(unit);
        Path before = had.remove(memo.name());
        if (before == null) {
          build.link(memo.name(), unit.storagePath()); // a symlink into the content store
        } else if (!before.equals(unit.storagePath())) {
          build.relink(memo.name(), unit.storagePath()); // a new version under the same name
        }
        index.write(memo.line().getBytes(StandardCharsets.UTF_8));
        links.write(memo.name() + "\t" + unit.storagePath() + "\n");
        published++;
      }
    }
  }

  // end::publish-cancel[]

  /**
   * What the taken-over tree links, name to stored file, from the index its publish kept beside it.
   * A memo repository is small, so the whole index is read at once.
   */
  private static Map<String, Path> linked(Optional<Path> index) throws IOException {
    Map<String, Path> links = new HashMap<>();
    if (index.isPresent()) {
      for (String line : Files.readAllLines(index.get())) {
        String[] fields = line.split("\t", 2);
        links.put(fields[0], Path.of(fields[1]));
      }
    }
    return links;
  }

  // tag::scratchpad[]
  /**
   * Where the last publish served the tree, when the relative_url has changed since: the new
   * publish stops serving there, unless another repository has taken the place meanwhile. Only the
   * scratchpad remembers it, since the plugin instance that published last time is gone.
   */
  private List<Path> previouslyServed(String url, Path master) throws IOException {
    Object last = conduit.scratchpad().orElse(Map.of()).get("relative_url");
    if (!(last instanceof String old) || old.equals(url)) {
      return List.of();
    }
    List<Path> ours = new ArrayList<>();
    for (String protocol : List.of("http", "https")) {
      Path link = served(platform, protocol, old);
      if (Files.isSymbolicLink(link) && Files.readSymbolicLink(link).startsWith(master)) {
        ours.add(link);
      }
    }
    return ours;
  }

  // end::scratchpad[]

  private Map<String, Object> report(String state) {
    Map<String, Object> report = Map.of("state", state, "memos_published", published);
    conduit.setProgress(report);
    return report;
  }
}
