package dev.depot.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code depot repo versions list|show|units|diff|delete|rollback}: a repository's numbered
 * versions. Publishing and copying a version are options of {@code repo publish --version} and
 * {@code repo copy --source-version}.
 */
@Command(
    name = "versions",
    description = "A repository's versions: every change of its content is a numbered version.",
    subcommands = {
      VersionCommands.ListVersions.class,
      VersionCommands.Show.class,
      VersionCommands.Units.class,
      VersionCommands.Diff.class,
      VersionCommands.Delete.class,
      VersionCommands.Rollback.class
    })
final class VersionCommands {
  private VersionCommands() {}

  static String path(String repo) {
    return "repositories/" + repo + "/versions/";
  }

  /** {@code --retain-versions}: a whole number, or {@code all} (null: keep every version). */
  static Long retention(String value) {
    if (value.equalsIgnoreCase("all")) {
      return null;
    }
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "--retain-versions takes a number of versions or 'all', not '" + value + "'");
    }
  }

  /** The two positional parameters of the commands on one version: REPO_ID VERSION. */
  static final class VersionRef {
    @Parameters(index = "0", paramLabel = "REPO_ID")
    String repo;

    @Parameters(index = "1", paramLabel = "VERSION")
    long number;

    /** The version's API path. */
    String path() {
      return VersionCommands.path(repo) + number + "/";
    }
  }

  /** {@code type=n type=n}, or "-" for none. */
  static String counts(JsonNode counts) {
    List<String> parts = new ArrayList<>();
    counts.properties().forEach(e -> parts.add(e.getKey() + "=" + e.getValue().asLong()));
    return parts.isEmpty() ? "-" : String.join(" ", parts);
  }

  @Command(name = "list", description = "List a repository's kept versions, newest first.")
  static final class ListVersions extends ApiCommand {
    @Parameters(paramLabel = "REPO_ID")
    String repo;

    @Override
    public Integer call() {
      JsonNode versions = api().get(path(repo));
      print(
          versions,
          () -> {
            Table t = new Table("VERSION", "CREATED", "ADDED", "REMOVED", "UNITS");
            versions.forEach(
                v ->
                    t.row(
                        v.path("number").asLong(),
                        v.path("created").asText(),
                        counts(v.path("added")),
                        counts(v.path("removed")),
                        counts(v.path("content_unit_counts"))));
            out().print(t.render());
          });
      return 0;
    }
  }

  @Command(name = "show", description = "Show one version.")
  static final class Show extends ApiCommand {
    @picocli.CommandLine.Mixin VersionRef version = new VersionRef();

    @Override
    public Integer call() {
      JsonNode v = api().get(version.path());
      print(
          v,
          () -> {
            out().println("Version:  " + v.path("number").asLong());
            out().println("Created:  " + v.path("created").asText());
            out().println("Task:     " + v.path("task_id").asText("-"));
            out().println("Added:    " + counts(v.path("added")));
            out().println("Removed:  " + counts(v.path("removed")));
            out().println("Units:    " + counts(v.path("content_unit_counts")));
          });
      return 0;
    }
  }

  @Command(name = "units", description = "List or search the units a version holds.")
  static final class Units extends ApiCommand {
    @picocli.CommandLine.Mixin VersionRef version = new VersionRef();

    @picocli.CommandLine.Mixin UnitCommands.Selection selection = new UnitCommands.Selection();

    @Option(names = "--limit", paramLabel = "N", description = "At most N units.")
    long limit;

    @Override
    public Integer call() {
      Map<String, Object> criteria =
          UnitCommands.criteria(selection.type, selection.filters, selection.json, null, limit, 0);
      JsonNode found = api().post(version.path() + "search/units/", Map.of("criteria", criteria));
      print(
          found,
          () -> {
            Table t = new Table("TYPE", "UNIT_ID", "UNIT_KEY");
            found.forEach(
                a ->
                    t.row(
                        a.path("unit_type_id").asText(),
                        a.path("unit_id").asText(),
                        keyOf(a.path("metadata"))));
            out().print(t.isEmpty() ? "No units\n" : t.render());
          });
      return 0;
    }

    /** The unit's short identifying fields, without the platform's own. */
    private static String keyOf(JsonNode metadata) {
      List<String> parts = new ArrayList<>();
      metadata
          .properties()
          .forEach(
              e -> {
                if (!e.getKey().startsWith("_") && e.getValue().isValueNode() && parts.size() < 4) {
                  parts.add(e.getKey() + "=" + e.getValue().asText());
                }
              });
      return String.join(" ", parts);
    }
  }

  @Command(
      name = "diff",
      description = "What changed between two versions (--from, by default the one before).")
  static final class Diff extends ApiCommand {
    @picocli.CommandLine.Mixin VersionRef version = new VersionRef();

    @Option(names = "--from", paramLabel = "VERSION", description = "The version to compare with.")
    Long from;

    @Option(names = "--units", description = "List the units added and removed too.")
    boolean units;

    @Override
    public Integer call() {
      String query = from == null ? "" : "?from=" + from;
      String base = version.path() + "diff/";
      JsonNode diff = api().get(base + query);
      JsonNode added = units ? api().get(base + "added/" + query) : null;
      JsonNode removed = units ? api().get(base + "removed/" + query) : null;
      if (units) {
        ((com.fasterxml.jackson.databind.node.ObjectNode) diff).set("added_units", added);
        ((com.fasterxml.jackson.databind.node.ObjectNode) diff).set("removed_units", removed);
      }
      print(
          diff,
          () -> {
            out()
                .println(
                    "From version "
                        + diff.path("from").asLong()
                        + " to "
                        + diff.path("to").asLong()
                        + ": added "
                        + counts(diff.path("added"))
                        + ", removed "
                        + counts(diff.path("removed")));
            if (units) {
              added.forEach(u -> out().println("+ " + line(u)));
              removed.forEach(u -> out().println("- " + line(u)));
            }
          });
      return 0;
    }

    private static String line(JsonNode unit) {
      List<String> key = new ArrayList<>();
      unit.path("unit_key")
          .properties()
          .forEach(e -> key.add(e.getKey() + "=" + e.getValue().asText()));
      return unit.path("unit_type_id").asText() + " " + String.join(" ", key);
    }
  }

  @Command(
      name = "delete",
      description = "Delete a version (not the latest); units only it held become orphans.")
  static final class Delete extends ApiCommand {
    @picocli.CommandLine.Mixin VersionRef version = new VersionRef();

    @Option(names = "--background", description = "Return the task id at once.")
    boolean background;

    @Override
    public Integer call() {
      return follow(
          api().delete(version.path()),
          background,
          "Version " + version.number + " of " + version.repo + " deleted");
    }
  }

  @Command(
      name = "rollback",
      description = "Make the repository's content what a version held, as a new version.")
  static final class Rollback extends ApiCommand {
    @picocli.CommandLine.Mixin VersionRef version = new VersionRef();

    @Option(names = "--background", description = "Return the task id at once.")
    boolean background;

    @Override
    public Integer call() {
      return follow(
          api().post(version.path() + "actions/rollback/", Map.of()),
          background,
          version.repo + " rolled back to version " + version.number);
    }
  }
}
