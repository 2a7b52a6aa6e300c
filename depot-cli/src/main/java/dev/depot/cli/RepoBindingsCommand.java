package dev.depot.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code depot repo bindings REPO}: which consumers are bound to a repository, and to which of its
 * distributors ({@code GET /repositories/<id>/bindings/}) — what an admin checks before changing or
 * removing a distributor its consumers read from.
 */
@Command(
    name = "bindings",
    description = "List the consumers bound to a repository, and to which distributor (admin).",
    footer = {
      "",
      "Example:",
      "  depot repo bindings zoo",
      "  depot repo bindings zoo --distributor web --json"
    })
final class RepoBindingsCommand extends ApiCommand {
  @Parameters(paramLabel = "REPO_ID")
  String repo;

  @Option(
      names = "--distributor",
      paramLabel = "DISTRIBUTOR_ID",
      description = "Only the bindings to this distributor of the repository.")
  String distributor;

  @Override
  public Integer call() {
    if (distributor != null) {
      // A distributor the repository does not have is a 404 naming it, not an empty list.
      api().get("repositories/" + repo + "/distributors/" + distributor + "/");
    }
    ArrayNode shown = ApiClient.JSON.createArrayNode();
    for (JsonNode binding : api().get("repositories/" + repo + "/bindings/")) {
      if (distributor == null || binding.path("distributor_id").asText().equals(distributor)) {
        shown.add(binding);
      }
    }
    print(shown, () -> out().print(table(shown)));
    return 0;
  }

  private String table(JsonNode bindings) {
    Table t = new Table("CONSUMER", "DISTRIBUTOR", "TYPE", "BINDING CONFIG");
    bindings.forEach(
        b ->
            t.row(
                b.path("consumer_id").asText(),
                b.path("distributor_id").asText(),
                b.path("type_id").asText(),
                b.path("binding_config").isEmpty() ? null : b.path("binding_config").toString()));
    if (!t.isEmpty()) {
      return t.render();
    }
    return "No consumers bound to "
        + (distributor == null ? "" : "distributor " + distributor + " of ")
        + repo
        + "\n";
  }
}
