package dev.depot.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code depot unit user-metadata TYPE UNIT_ID}: shows, or changes, a unit's {@code
 * pulp_user_metadata}, the object users keep on a unit to tag it (searchable as {@code
 * pulp_user_metadata.<key>}).
 */
@Command(
    name = "user-metadata",
    description = "Show or change a unit's pulp_user_metadata (users' own tags on a unit).",
    footer = {
      "",
      "Example:",
      "  depot unit user-metadata rpm UNIT_ID --set team=qa --unset stage",
      "  depot repo units el9 --filter pulp_user_metadata.team=qa"
    })
final class UnitUserMetadataCommand extends ApiCommand {
  @Parameters(index = "0", paramLabel = "TYPE", description = "The unit type.")
  String type;

  @Parameters(index = "1", paramLabel = "UNIT_ID", description = "The unit's id (_id).")
  String id;

  @Option(
      names = "--set",
      paramLabel = "KEY=VALUE",
      description = "Set a key; the value stays text (repeatable).")
  List<String> set = new ArrayList<>();

  @Option(names = "--unset", paramLabel = "KEY", description = "Remove a key (repeatable).")
  List<String> unset = new ArrayList<>();

  @Option(
      names = "--replace",
      paramLabel = "JSON",
      description = "Replace the whole object with this JSON object ('{}' clears it).")
  String replace;

  @Override
  public Integer call() {
    String path = "content/units/" + type + "/" + id + "/pulp_user_metadata/";
    if (replace != null && (!set.isEmpty() || !unset.isEmpty())) {
      throw Options.usage(spec.commandLine(), "--replace goes alone, without --set or --unset");
    }
    if (replace != null || !set.isEmpty() || !unset.isEmpty()) {
      api().put(path, replace != null ? parsed(replace) : changed(api().get(path)));
    }
    JsonNode now = api().get(path);
    print(now, () -> out().println(now.toPrettyString()));
    return 0;
  }

  private ObjectNode changed(JsonNode current) {
    ObjectNode value =
        current.isObject() ? ((ObjectNode) current).deepCopy() : ApiClient.JSON.createObjectNode();
    for (Map.Entry<String, Object> pair : Options.notes(set).entrySet()) {
      value.put(pair.getKey(), (String) pair.getValue());
    }
    unset.forEach(value::remove);
    return value;
  }

  private static JsonNode parsed(String json) {
    try {
      JsonNode value = ApiClient.JSON.readTree(json);
      if (value == null || !value.isObject()) {
        throw new IllegalArgumentException("--replace needs a JSON object, not " + json);
      }
      return value;
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("--replace is not JSON: " + e.getOriginalMessage());
    }
  }
}
