package dev.depot.plugins.puppet;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.depot.plugin.Platform;
import dev.depot.plugin.PluginCallConfiguration;
import dev.depot.plugin.PublishConduit;
import dev.depot.plugin.PublishReport;
import dev.depot.plugin.PublishedLocation;
import dev.depot.plugin.Repository;
import dev.depot.plugin.Unit;
import dev.depot.plugin.UnitCriteria;
import dev.depot.plugin.UnitCriteria.SortField;
import dev.depot.publish.tree.NamedLinks;
import dev.depot.publish.tree.RelativeUrl;
import dev.depot.publish.tree.ServedTree;
import dev.depot.publish.tree.ServedTreeDistributor;
import dev.depot.publish.tree.TreePublisher;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.stream.Stream;

/**
 * One publish of a puppet repository, Pulp's layout: each tarball linked at {@code
 * system/releases/<a>/<author>/<file>}, {@code modules.json} listing the releases, and a Forge
 * releases page per module under {@code forge/v3/releases/} that the Forge API serves. Units stream
 * in author, name, version order, so memory holds one module's releases at a time. The tree is
 * built beside the served one (reusing the last tree's links) and switched in at once.
 */
final class PuppetPublish implements ServedTreeDistributor.Publish {
  static final UnitCriteria UNITS =
      UnitCriteria.ofTypes(PuppetTypes.MODULE)
          .withSort(
              List.of(
                  new SortField("author", true),
                  new SortField("name", true),
                  new SortField("version", true)));

  private static final String FORGE_DIR = "forge";

  private final ServedTree served;
  private final Platform platform;
  private final Repository repo;
  private final PublishConduit conduit;
  private final PluginCallConfiguration config;
  private volatile boolean cancelled;
  private long published;

  PuppetPublish(
      ServedTree served,
      Platform platform,
      Repository repo,
      PublishConduit conduit,
      PluginCallConfiguration config) {
    this.served = served;
    this.platform = platform;
    this.repo = repo;
    this.conduit = conduit;
    this.config = config;
  }

  @Override
  public void cancel() {
    cancelled = true;
  }

  @Override
  public PublishReport run() {
    RelativeUrl url = served.relativeUrl(repo, config);
    List<PublishedLocation> where;
    try (TreePublisher.Build build =
        TreePublisher.beginReusing(served.masterDir(platform, repo, conduit.distributorId()))) {
      // Pages are rewritten whole each time; dropping the reused tree's means none outlives its
      // module.
      TreePublisher.deleteAll(build.dir().resolve(FORGE_DIR));
      try (NamedLinks links = new NamedLinks(build)) { // closing unlinks releases gone since
        build.write("modules.json", out -> publishUnits(build, links, out));
      }
      where = served.commit(build, platform, url, config, List.of());
    } catch (CancellationException e) {
      return PublishReport.canceled(report("cancelled"), null);
    } catch (IOException e) {
      return PublishReport.failure("publish failed: " + e.getMessage(), report("failed"));
    }
    return PublishReport.success(report("complete"), null).publishedAt(where);
  }

  /** Links each release and writes modules.json to {@code out}, and a page per module. */
  private void publishUnits(TreePublisher.Build build, NamedLinks links, OutputStream out)
      throws IOException {
    List<Unit> module = new ArrayList<>(); // the releases of the module being read
    try (Stream<Unit> units = conduit.units(UNITS);
        JsonGenerator list = ModuleRelease.JSON.createGenerator(out)) {
      list.writeStartArray();
      for (Unit unit : (Iterable<Unit>) units::iterator) {
        if (cancelled) {
          throw new CancellationException("publish cancelled"); // checked once per release
        }
        ModuleId id = ModuleRelease.idOf(unit);
        if (!module.isEmpty() && !ModuleRelease.idOf(module.get(0)).slug().equals(id.slug())) {
          writePage(build, module);
        }
        module.add(unit);
        links.link(id.releasePath(), unit.storagePath());
        writeListEntry(list, id, unit);
        published++;
        if (published % 500 == 0) {
          report("in_progress");
        }
      }
      writePage(build, module);
      list.writeEndArray();
    }
  }

  private static void writePage(TreePublisher.Build build, List<Unit> module) throws IOException {
    if (module.isEmpty()) {
      return;
    }
    String slug = ModuleRelease.idOf(module.get(0)).slug();
    build.write(ForgeJson.releasesPath(slug), page -> ForgeJson.writePage(module, slug, page));
    module.clear();
  }

  /** Pulp's modules.json entry: name, author, version and tag_list. */
  private static void writeListEntry(JsonGenerator list, ModuleId id, Unit unit)
      throws IOException {
    list.writeStartObject();
    list.writeStringField("name", id.name());
    list.writeStringField("author", id.author());
    list.writeStringField("version", id.version());
    list.writeObjectField("tag_list", unit.metadata().getOrDefault("tag_list", List.of()));
    list.writeEndObject();
  }

  private Map<String, Object> report(String state) {
    Map<String, Object> report = Map.of("state", state, "modules_published", published);
    conduit.setProgress(report);
    return report;
  }
}
