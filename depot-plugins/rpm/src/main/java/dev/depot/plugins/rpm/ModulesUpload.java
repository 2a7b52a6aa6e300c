package dev.depot.plugins.rpm;

import dev.depot.plugin.Repository;
import dev.depot.plugin.Unit;
import dev.depot.plugin.UploadConduit;
import dev.depot.plugin.UploadReport;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A modules.yaml uploaded (plain or compressed, as {@code modifyrepo_c} takes it), as Pulp's {@code
 * pulp-admin rpm repo uploads module} sends it: every {@code modulemd} and {@code
 * modulemd-defaults} document becomes a unit of the repository. The whole file is checked before
 * anything is stored: a document without its key fields, or a unit held already with other content,
 * refuses the upload by name, and nothing of it is kept.
 */
final class ModulesUpload {
  private ModulesUpload() {}

  /** Whether {@code typeId} is uploaded as a modules.yaml. */
  static boolean takes(String typeId) {
    return RpmTypes.MODULEMD.equals(typeId) || RpmTypes.MODULEMD_DEFAULTS.equals(typeId);
  }

  static UploadReport importFile(Repository repo, String typeId, Path file, UploadConduit conduit) {
    if (file == null) {
      return UploadReport.failure("a " + typeId + " upload needs the modules.yaml file", Map.of());
    }
    List<ModuleUnits.ModuleUnit> documents = new ArrayList<>();
    try (InputStream in = MetadataFiles.open(file, "modules.yaml")) {
      ModulesYaml.forEach(in, doc -> documents.add(ModuleUnits.of(doc, repo.id())));
    } catch (IllegalArgumentException | IOException e) {
      return UploadReport.failure("modules.yaml: " + e.getMessage(), Map.of());
    }
    if (documents.isEmpty()) {
      return UploadReport.failure(
          "modules.yaml holds no modulemd or modulemd-defaults document", Map.of());
    }
    List<Unit> units = new ArrayList<>();
    Map<String, Integer> counts = new TreeMap<>();
    for (ModuleUnits.ModuleUnit doc : documents) {
      Optional<Unit> held = conduit.findUnit(doc.typeId(), doc.key());
      if (held.isPresent() && !held.get().metadata().equals(doc.metadata())) {
        return UploadReport.failure(
            doc.typeId()
                + " "
                + doc.key()
                + " exists already with another document; remove it from every repository and"
                + " delete orphans to replace it",
            Map.of("unit_key", doc.key()));
      }
      units.add(conduit.initUnit(doc.typeId(), doc.key(), doc.metadata(), null));
      counts.merge(doc.typeId(), 1, Integer::sum);
    }
    conduit.saveUnits(units); // one transaction: all of the file or none
    return UploadReport.success(Map.of("units", counts), Map.of());
  }
}
