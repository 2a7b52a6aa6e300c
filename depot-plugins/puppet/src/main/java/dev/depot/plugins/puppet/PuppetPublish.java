package dev.depot.plugins.puppet;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.depot.plugin.Platform;
import dev.depot.plugin.PluginCallConfiguration;
import dev.depot.plugin.PublishConduit;
import dev.depot.plugin.Repository;
import dev.depot.plugin.Unit;
import dev.depot.plugin.UnitCriteria;
import dev.depot.plugin.UnitCriteria.SortField;
import dev.depot.publish.tree.LinkedTreePublish;
import dev.depot.publish.tree.NamedLinks;
import dev.depot.publish.tree.ServedTree;
import dev.depot.publish.tree.TreePublisher;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * One publish of a puppet repository, Pulp's layout: each tarball linked at {@code
 * system/releases/<a>/<author>/<file>}, {@code modules.json} listing the releases, and a Forge
 * releases page per module under {@code forge/v3/releases/} that the Forge API serves. Units stream
 * in author, name, version order, so memory holds one module's releases at a time. The tree is
 * built beside the served one (reusing the last tree's links) and switched in at once.
 */
final class PuppetPublish extends LinkedTreePublish {
  static final UnitCriteria UNITS =
      UnitCriteria.ofTypes(PuppetTypes.MODULE)
          .withSort(
              List.of(
                  new SortField("author", true),
                  new SortField("name", true),
                  new SortField("version", true)));

  private static final String FORGE_DIR = "forge";

  PuppetPublish(
      ServedTree served,
      Platform platform,
      Repository repo,
      PublishConduit conduit,
      PluginCallConfiguration config) {
    super(served, platform, repo, conduit, config, "modules_published");
  }

  @Override
  protected void fill(TreePublisher.Build build, NamedLinks links) throws IOException {
    // Pages are rewritten whole each time; dropping the reused tree's means none outlives its
    // module.
    TreePublisher.deleteAll(build.dir().resolve(FORGE_DIR));
    build.write(
        "modules.json",
        out -> build.write(ForgeIndex.PATH, index -> publishUnits(build, links, out, index)));
  }

  /**
   * Links each release and writes modules.json to {@code out}, and a page per module with its line
   * in the {@code index}.
   */
  private void publishUnits(
      TreePublisher.Build build, NamedLinks links, OutputStream out, OutputStream index)
      throws IOException {
    List<Unit> module = new ArrayList<>(); // the releases of the module being read
    try (Stream<Unit> units = conduit().units(UNITS);
        JsonGenerator list = ModuleRelease.JSON.createGenerator(out)) {
      list.writeStartArray();
      for (Unit unit : (Iterable<Unit>) units::iterator) {
        checkCancelled(); // once per release
        ModuleId id = ModuleRelease.idOf(unit);
        if (!module.isEmpty() && !ModuleRelease.idOf(module.get(0)).slug().equals(id.slug())) {
          writePage(build, module, index);
        }
        module.add(unit);
        links.link(id.releasePath(), unit.storagePath());
        writeListEntry(list, id, unit);
        count();
      }
      writePage(build, module, index);
      list.writeEndArray();
    }
  }

  private static void writePage(TreePublisher.Build build, List<Unit> module, OutputStream index)
      throws IOException {
    if (module.isEmpty()) {
      return;
    }
    String slug = ModuleRelease.idOf(module.get(0)).slug();
    // Newest first, as the Forge answers sort_by=version: the units come in text order.
    module.sort(
        Comparator.comparing(
            (Unit u) -> ModuleRelease.idOf(u).version(), SemanticVersions.OLDEST_FIRST.reversed()));
    build.write(ForgeJson.releasesPath(slug), page -> ForgeJson.writePage(module, slug, page));
    ForgeIndex.writeLine(index, slug, module.size());
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
}
