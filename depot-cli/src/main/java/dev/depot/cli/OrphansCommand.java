package dev.depot.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code depot orphans ...}: units no repository holds. */
@Command(
    name = "orphans",
    description = "Units no repository holds: list them, delete them and their files.",
    subcommands = {OrphansCommand.ListOrphans.class, OrphansCommand.Delete.class})
final class OrphansCommand {

  @Command(name = "list", description = "Count orphans per type, or list those of one type.")
  static final class ListOrphans extends ApiCommand {
    @Option(names = "--type", paramLabel = "TYPE", description = "List the orphans of this type.")
    String type;

    @Override
    public Integer call() {
      if (type == null) {
        JsonNode counts = api().get("content/orphans/");
        print(
            counts,
            () -> {
              Table t = new Table("TYPE", "ORPHANS");
              counts.properties().forEach(e -> t.row(e.getKey(), e.getValue().path("count")));
              out().print(t.isEmpty() ? "No content types\n" : t.render());
            });
        return 0;
      }
      JsonNode orphans = api().get("content/orphans/" + type + "/");
      print(
          orphans,
          () -> {
            Table t = new Table("UNIT_ID", "STORAGE_PATH");
            orphans.forEach(
                u -> t.row(u.path("_id").asText(), u.path("_storage_path").asText(null)));
            out().print(t.isEmpty() ? "No orphans\n" : t.render());
          });
      return 0;
    }
  }

  @Command(
      name = "delete",
      description = "Delete orphans (all, of a type, or one) and their files; waits.")
  static final class Delete extends ApiCommand {
    @Option(names = "--type", paramLabel = "TYPE", description = "Only orphans of this type.")
    String type;

    @Option(
        names = "--id",
        paramLabel = "UNIT_ID",
        description = "Only this orphan (needs --type).")
    String id;

    @Option(names = "--background", description = "Return the task id at once.")
    boolean background;

    @Override
    public Integer call() {
      if (id != null && type == null) {
        throw new IllegalArgumentException(
            "--id needs --type: depot orphans delete --type T --id ID");
      }
      String path =
          "content/orphans/" + (type == null ? "" : type + "/") + (id == null ? "" : id + "/");
      return follow(api().delete(path), background, "Orphans deleted");
    }
  }
}
