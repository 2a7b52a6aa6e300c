package dev.depot.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code depot uploads list|delete}: the server's upload requests ({@code /content/uploads/}).
 * {@code repo upload} deletes its own when it ends; one that was killed midway leaves its request,
 * and the bytes already sent, on the server's disk until deleted here (as pulp-admin's {@code
 * uploads cancel}).
 */
@Command(
    name = "uploads",
    description = "Upload requests left on the server (by an interrupted upload): list, delete.",
    subcommands = {UploadsCommand.ListUploads.class, UploadsCommand.Delete.class})
final class UploadsCommand {
  private UploadsCommand() {}

  @Command(
      name = "list",
      description = "List the upload requests the server holds.",
      footer = {"", "Example:", "  depot uploads list"})
  static final class ListUploads extends ApiCommand {
    @Override
    public Integer call() {
      JsonNode uploads = api().get("content/uploads/");
      print(
          uploads,
          () -> {
            Table t = new Table("UPLOAD ID");
            uploads.path("upload_ids").forEach(id -> t.row(id.asText()));
            out().print(t.isEmpty() ? "No uploads\n" : t.render());
          });
      return 0;
    }
  }

  @Command(
      name = "delete",
      description = "Delete upload requests and the bytes sent to them.",
      footer = {
        "",
        "Example:",
        "  depot uploads delete 3f1c0e2a-...",
        "  depot uploads delete --all"
      })
  static final class Delete extends ApiCommand {
    @Parameters(paramLabel = "UPLOAD_ID", arity = "0..*", description = "The uploads to delete.")
    List<String> ids = new ArrayList<>();

    @Option(names = "--all", description = "Every upload request the server holds.")
    boolean all;

    @Override
    public Integer call() {
      if (all == !ids.isEmpty()) {
        throw new IllegalArgumentException("give the UPLOAD_IDs to delete, or --all");
      }
      List<String> held = new ArrayList<>();
      api().get("content/uploads/").path("upload_ids").forEach(id -> held.add(id.asText()));
      // The server deletes an unknown id without a word, as Pulp does: a mistyped id would pass.
      List<String> unknown = ids.stream().filter(id -> !held.contains(id)).toList();
      if (!unknown.isEmpty()) {
        throw new ApiClient.ApiException(
            404,
            "no upload request "
                + String.join(", ", unknown)
                + " on the server (see depot uploads list); nothing deleted");
      }
      List<String> doomed = all ? held : ids;
      ArrayNode deleted = ApiClient.JSON.createArrayNode();
      for (String id : doomed) {
        api().delete("content/uploads/" + id + "/");
        deleted.add(id);
      }
      print(
          ApiClient.JSON.createObjectNode().set("deleted", deleted),
          () ->
              out()
                  .println(
                      doomed.isEmpty()
                          ? "No uploads"
                          : "Deleted "
                              + doomed.size()
                              + (doomed.size() == 1 ? " upload" : " uploads")));
      return 0;
    }
  }
}
