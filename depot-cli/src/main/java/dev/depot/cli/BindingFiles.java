package dev.depot.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What a binding leaves on the machine: {@code etc/depot/repos.d/<repo>.conf} (what the type's
 * {@link BindingHandler} keeps of the payload), the CA file beside it, and the files the type's own
 * client reads (dnf's {@code .repo}), listed in the config so that unbind removes exactly them.
 */
final class BindingFiles {
  private BindingFiles() {}

  /** Writes the binding's files; answers the config file. */
  static Path write(
      ConsumerFiles files, String repoId, String distributorId, JsonNode binding, Path root) {
    JsonNode details = binding.path("details");
    ObjectNode config = ApiClient.JSON.createObjectNode();
    config.put("repo_id", repoId);
    config.put("distributor_id", distributorId);
    String typeId = binding.path("type_id").asText();
    config.put("type_id", typeId);
    // The payload is the type's own: its handler says what of it goes into the config.
    Optional<BindingHandler> handler = BindingHandlers.forType(typeId);
    if (handler.isPresent()) {
      handler.get().writeConfig(details, config, files.repoCa(repoId));
      var written = config.putArray("client_files");
      handler.get().writeClientFiles(repoId, config, root).forEach(f -> written.add(f.toString()));
    } else {
      config.set("details", details);
    }
    Path file = files.repoConfig(repoId);
    ConsumerFiles.writeJson(file, config, false);
    return file;
  }

  /**
   * Refuses a binding to another distributor of a repository this machine is bound to already: its
   * files are one binding's (one {@code .repo} section per repository), so the second would
   * overwrite the first's and unbinding either would take away the files the other still needs.
   */
  static void refuseAnother(ConsumerFiles files, String repoId, String distributorId) {
    Path config = files.repoConfig(repoId);
    if (!Files.isRegularFile(config)) {
      return;
    }
    String bound = ConsumerFiles.read(config).path("distributor_id").asText();
    if (!bound.isEmpty() && !bound.equals(distributorId)) {
      throw new IllegalArgumentException(
          "this machine is bound to repository "
              + repoId
              + " through distributor "
              + bound
              + " already ("
              + config
              + "); unbind it first: depot consumer unbind "
              + repoId
              + " "
              + bound);
    }
  }

  /** Removes what {@link #write} wrote for this binding, if the config is this binding's. */
  static void remove(ConsumerFiles files, String repoId, String distributorId) {
    Path config = files.repoConfig(repoId);
    if (Files.isRegularFile(config)
        && ConsumerFiles.read(config).path("distributor_id").asText().equals(distributorId)) {
      removeClientFiles(config);
      ConsumerFiles.delete(config);
      ConsumerFiles.delete(files.repoCa(repoId));
    }
  }

  /**
   * Removes every binding's files, the type's client files included (a dnf {@code .repo} left
   * behind would name a CA file that is gone, and dnf would fail on every repository).
   */
  static void removeAll(ConsumerFiles files) throws IOException {
    if (!Files.isDirectory(files.reposDir())) {
      return;
    }
    try (var written = Files.list(files.reposDir())) {
      List<Path> all = written.toList();
      for (Path file : all) {
        if (file.getFileName().toString().endsWith(".conf") && Files.isRegularFile(file)) {
          removeClientFiles(file);
        }
      }
      all.forEach(ConsumerFiles::delete);
    }
  }

  private static void removeClientFiles(Path config) {
    ConsumerFiles.read(config)
        .path("client_files")
        .forEach(f -> ConsumerFiles.delete(Path.of(f.asText())));
  }

  /**
   * Writes the CA a payload carries (present when HTTPS is served) to {@code caFile} and names it
   * in the config as {@code ca_cert}; without one, removes a CA an earlier binding left.
   */
  static void keepCa(JsonNode details, ObjectNode config, Path caFile) {
    if (details.hasNonNull("ca_cert")) {
      ConsumerFiles.write(caFile, details.path("ca_cert").asText(), false);
      config.put("ca_cert", caFile.toString());
    } else {
      ConsumerFiles.delete(caFile);
      config.putNull("ca_cert");
    }
  }
}
