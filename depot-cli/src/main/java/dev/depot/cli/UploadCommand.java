package dev.depot.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code depot repo upload REPO FILE...}: Pulp's upload flow for each file (request, chunks,
 * import, delete), with the unit key computed here so the server can check it.
 */
@Command(
    name = "upload",
    description =
        "Upload files into a repository as units (ISO files, RPM packages, Puppet module"
            + " tarballs, ...: the importer's type, see --type); shows progress.")
final class UploadCommand extends ApiCommand {
  /** Bytes per PUT: big enough to be quick, small enough to retry cheaply. */
  static final int CHUNK = 1 << 20;

  @Parameters(index = "0", paramLabel = "REPO_ID")
  String repo;

  @Parameters(index = "1..*", paramLabel = "FILE", arity = "1..*")
  List<Path> files;

  @Option(
      names = "--type",
      paramLabel = "TYPE",
      description =
          "Unit type (default: the first type the repository's importer takes, e.g. iso for"
              + " iso_importer, puppet_module for puppet_importer, rpm for yum_importer; a"
              + " *.src.rpm goes up as srpm when the importer takes srpm).")
  String type;

  @Option(
      names = "--key",
      paramLabel = "KEY=VALUE",
      description =
          "A unit key field the file does not say itself (repeatable), e.g. --key"
              + " data_type=productid for a yum_repo_metadata_file.")
  List<String> keys;

  @Option(
      names = "--metadata",
      paramLabel = "KEY=VALUE",
      description = "A unit metadata field sent with the file (repeatable).")
  List<String> metadata;

  /** The types the repository's importer takes, when --type is not given. */
  private List<String> importerTypes;

  @Override
  public Integer call() {
    if (type == null) {
      importerTypes = importerTypes();
    }
    int failures = 0;
    List<String> badNames = new java.util.ArrayList<>();
    for (Path file : files) {
      if (Files.isDirectory(file)) {
        throw new IllegalArgumentException(
            file + " is a directory; give its files (e.g. " + file.resolve("*") + ")");
      }
      if (!Files.isRegularFile(file)) {
        throw new IllegalArgumentException(file + " is not a readable file");
      }
      if (typeOf(file).equals("iso") && !isoName(file.getFileName().toString())) {
        badNames.add("'" + file.getFileName().toString().replaceAll("\\p{Cntrl}", "?") + "'");
      }
    }
    // Refused here, all at once, rather than by the server after the bytes went up.
    if (!badNames.isEmpty()) {
      throw new IllegalArgumentException(
          "an iso unit name may not hold a comma or a control character (PULP_MANIFEST is one"
              + " name,checksum,size line per file); rename "
              + String.join(", ", badNames)
              + "; nothing was uploaded");
    }
    if (files.size() > 1) { // with --json, one array of the tasks, not one document per file
      gatherJson();
    }
    for (Path file : files) {
      failures += upload(file) ? 0 : 1;
    }
    if (files.size() > 1) {
      printGathered();
    }
    return failures == 0 ? 0 : DepotCli.FAILED;
  }

  private boolean upload(Path file) {
    String name = file.getFileName().toString();
    String type = typeOf(file);
    long size;
    String checksum;
    try {
      size = Files.size(file);
      checksum = sha256(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String id = api().post("content/uploads/", Map.of()).path("upload_id").asText();
    try {
      send(file, id, size, name);
      Map<String, Object> key = new LinkedHashMap<>();
      if (type.equals("iso")) { // an iso's key is its name, checksum and size
        key.put("name", name);
        key.put("checksum", checksum);
        key.put("size", size);
      } // other types' importers read the key from the file itself (e.g. metadata.json)
      key.putAll(Options.notes(keys)); // text, as a key's values are
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("upload_id", id);
      body.put("unit_type_id", type);
      body.put("unit_key", key);
      if (metadata != null) {
        body.put("unit_metadata", Options.pairs(metadata));
      }
      JsonNode report = api().post("repositories/" + repo + "/actions/import_upload/", body);
      return follow(report, false, "Uploaded " + name + " to " + repo, file.toString()) == 0;
    } finally {
      api().delete("content/uploads/" + id + "/");
    }
  }

  private void send(Path file, String id, long size, String name) {
    boolean terminal = terminal();
    byte[] buffer = new byte[CHUNK];
    long offset = 0;
    try (InputStream in = Files.newInputStream(file)) {
      while (true) {
        int n = in.readNBytes(buffer, 0, CHUNK);
        if (n <= 0 && offset > 0) {
          break;
        }
        api().putBytes("content/uploads/" + id + "/" + offset + "/", buffer, Math.max(n, 0));
        offset += Math.max(n, 0);
        if (terminal) {
          err().print("\r" + TaskWatcher.bar(offset, size, "uploading " + name) + "\u001b[K");
          err().flush();
        }
        if (n < CHUNK) {
          break;
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (terminal) {
      err().println();
    }
  }

  /**
   * What {@code file} is uploaded as: --type; else a source package ({@code *.src.rpm}) as {@code
   * srpm} when the importer takes it; else the importer's first type, what an upload most likely
   * is.
   */
  private String typeOf(Path file) {
    if (type != null) {
      return type;
    }
    if (file.getFileName().toString().endsWith(".src.rpm") && importerTypes.contains("srpm")) {
      return "srpm";
    }
    return importerTypes.get(0);
  }

  /** The unit types the repository's importer takes, first the one it is mostly for. */
  private List<String> importerTypes() {
    JsonNode importers = api().get("repositories/" + repo + "/importers/");
    if (importers.isEmpty()) {
      throw new IllegalArgumentException(
          "repository " + repo + " has no importer to take uploads; add one, or give --type");
    }
    String importer = importers.get(0).path("importer_type_id").asText();
    JsonNode types = api().get("plugins/importers/" + importer + "/").path("types");
    if (types.isEmpty()) {
      throw new IllegalArgumentException(importer + " takes no unit type; give --type");
    }
    List<String> names = new java.util.ArrayList<>();
    types.forEach(t -> names.add(t.asText()));
    return names;
  }

  /** The server's rule for an iso unit's name, which becomes a field of PULP_MANIFEST. */
  static boolean isoName(String name) {
    return name.chars().noneMatch(c -> c == ',' || c < 0x20 || c == 0x7f);
  }

  private static String sha256(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      byte[] buffer = new byte[1 << 16];
      for (int n; (n = in.read(buffer)) > 0; ) {
        digest.update(buffer, 0, n);
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK always has SHA-256", e);
    }
  }
}
