package dev.depot.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code depot repo upload-unit REPO --type T --key k=v --metadata JSON}: Pulp's upload flow for a
 * unit that has no file (an erratum, a comps group): an empty upload, then the import with the
 * unit's key and metadata, which the repository's importer checks.
 */
@Command(
    name = "upload-unit",
    description = "Add a unit that has no file (e.g. an erratum or a package group) from JSON.",
    footer = {
      "",
      "Example:",
      "  depot repo upload-unit el9 --type erratum --key id=RHSA-2026:0001 \\",
      "      --metadata @rhsa.json",
      "  depot repo upload-unit el9 --type package_group --key id=web \\",
      "      --metadata '{\"name\": \"Web\"}'"
    })
final class UploadUnitCommand extends ApiCommand {
  @Parameters(index = "0", paramLabel = "REPO_ID")
  String repo;

  @Option(
      names = "--type",
      required = true,
      paramLabel = "TYPE",
      description = "The unit type, e.g. erratum.")
  String type;

  @Option(
      names = "--key",
      paramLabel = "FIELD=VALUE",
      description = "A unit key field (repeat for each; values are text).")
  List<String> key;

  @Option(
      names = "--metadata",
      paramLabel = "JSON|@FILE",
      description = "The unit's other fields, as a JSON object or @file holding one.")
  String metadata;

  @Override
  public Integer call() {
    Map<String, Object> unitKey = Options.notes(key);
    Map<String, Object> fields = Options.jsonObject(metadata);
    String id = api().post("content/uploads/", Map.of()).path("upload_id").asText();
    try {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("upload_id", id);
      body.put("unit_type_id", type);
      body.put("unit_key", unitKey);
      body.put("unit_metadata", fields);
      JsonNode report = api().post("repositories/" + repo + "/actions/import_upload/", body);
      // A key the plugin completes itself (langpacks: the repository's id) is not given at all.
      String keyText = unitKey.isEmpty() ? "" : " " + unitKey;
      return follow(report, false, "Added " + type + keyText + " to " + repo);
    } finally {
      api().delete("content/uploads/" + id + "/");
    }
  }
}
