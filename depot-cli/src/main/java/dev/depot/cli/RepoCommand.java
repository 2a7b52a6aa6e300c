package dev.depot.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code depot repo ...}: repositories and what hangs off them. */
@Command(
    name = "repo",
    description = "Repositories, their importer, distributors, syncs and publishes.",
    subcommands = {
      RepoCommand.Create.class,
      RepoCommand.ListRepos.class,
      RepoCommand.SearchRepos.class,
      RepoCommand.Show.class,
      RepoCommand.Update.class,
      RepoCommand.Delete.class,
      ImporterCommand.class,
      DistributorCommand.class,
      SyncCommand.class,
      PublishCommand.class,
      UploadCommand.class,
      UploadUnitCommand.class,
      RepoCommand.History.class,
      ConsumerProfileCommands.RegenerateForRepo.class,
      RepoBindingsCommand.class,
      UnitCommands.Units.class,
      UnitCommands.Copy.class,
      UnitCommands.RemoveUnits.class,
      VersionCommands.class
    })
final class RepoCommand {

  @Command(
      name = "create",
      description = "Create a repository, optionally with its importer and distributors.",
      footer = {
        "",
        "--distributor TYPE[:ID] attaches a distributor; ID defaults to TYPE.",
        "Configure it with --distributor-config ID=JSON|@FILE (a whole object)",
        "and/or --distributor-option ID.KEY=VALUE (one key; applied after the JSON).",
        "Values true/false and whole numbers are typed, anything else is text.",
        "--auto-publish ID publishes that distributor after every successful sync.",
        "",
        "Example:",
        "  depot repo create zoo --importer iso_importer \\",
        "      --importer-option feed=https://example.com/zoo/ \\",
        "      --distributor iso_distributor:web \\",
        "      --distributor-option web.serve_http=true \\",
        "      --auto-publish web"
      })
  static final class Create extends ApiCommand {
    @Parameters(paramLabel = "REPO_ID")
    String id;

    @Option(names = "--display-name", paramLabel = "NAME", description = "Default: REPO_ID.")
    String displayName;

    @Option(names = "--description", paramLabel = "TEXT", description = "A free-text description.")
    String description;

    @Option(
        names = "--note",
        paramLabel = "KEY=VALUE",
        description = "A note; values stay text (repeatable).")
    List<String> notes;

    @Option(names = "--importer", paramLabel = "TYPE", description = "Importer type id.")
    String importer;

    @Option(
        names = "--importer-config",
        paramLabel = "JSON|@FILE",
        description = "The importer config as a JSON object, inline or read from FILE.")
    String importerConfig;

    @Option(
        names = "--importer-option",
        paramLabel = "KEY=VALUE",
        description = "One importer config key, applied after the JSON (repeatable).")
    List<String> importerOptions;

    @Option(
        names = "--distributor",
        paramLabel = "TYPE[:ID]",
        description = "A distributor to attach (repeatable).")
    List<String> distributors = new ArrayList<>();

    @Option(
        names = "--distributor-config",
        paramLabel = "ID=JSON|@FILE",
        description = "The whole config of distributor ID as a JSON object (repeatable).")
    List<String> distributorJson = new ArrayList<>();

    @Option(
        names = "--distributor-option",
        paramLabel = "ID.KEY=VALUE",
        description = "A config value of distributor ID (repeatable).")
    List<String> distributorOptions = new ArrayList<>();

    @Option(
        names = "--auto-publish",
        paramLabel = "ID",
        description = "Publish distributor ID after every successful sync (repeatable).")
    List<String> autoPublish = new ArrayList<>();

    @Option(
        names = "--retain-versions",
        paramLabel = "N|all",
        description = "Keep only the newest N versions of its content (default: all).")
    String retainVersions;

    @Override
    public Integer call() {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("id", id);
      if (retainVersions != null) {
        body.put("retain_versions", VersionCommands.retention(retainVersions));
      }
      putIfSet(body, "display_name", displayName);
      putIfSet(body, "description", description);
      if (notes != null) {
        body.put("notes", Options.notes(notes));
      }
      if (importer == null && (importerConfig != null || importerOptions != null)) {
        throw new IllegalArgumentException("--importer-config/--importer-option need --importer");
      }
      if (importer != null) {
        body.put("importer_type_id", importer);
        body.put("importer_config", Options.config(importerConfig, importerOptions, null));
      }
      List<Map<String, Object>> list = new ArrayList<>();
      Map<String, Map<String, Object>> configs = distributorConfigs();
      for (String spec : distributors) {
        String[] parts = spec.split(":", 2);
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("distributor_type_id", parts[0]);
        String distributorId = parts.length > 1 ? parts[1] : parts[0];
        d.put("distributor_id", distributorId);
        d.put("distributor_config", configs.getOrDefault(distributorId, Map.of()));
        d.put("auto_publish", autoPublish.contains(distributorId));
        list.add(d);
      }
      // A typo in an ID would otherwise drop that config silently.
      List<Object> declared = list.stream().map(d -> d.get("distributor_id")).toList();
      for (String named :
          java.util.stream.Stream.concat(configs.keySet().stream(), autoPublish.stream())
              .toList()) {
        if (!declared.contains(named)) {
          throw new IllegalArgumentException(
              "no --distributor with id '" + named + "'; declared: " + declared);
        }
      }
      body.put("distributors", list);
      JsonNode repo = api().post("repositories/", body);
      print(repo, () -> out().println("Repository " + id + " created"));
      return 0;
    }

    private Map<String, Map<String, Object>> distributorConfigs() {
      Map<String, Map<String, Object>> configs = new LinkedHashMap<>();
      // JSON first so that single --distributor-option values can override keys of a shared file.
      for (String json : distributorJson) {
        int eq = json.indexOf('=');
        if (eq <= 0) {
          throw new IllegalArgumentException("expected ID=JSON, got '" + json + "'");
        }
        configs
            .computeIfAbsent(json.substring(0, eq), k -> new LinkedHashMap<>())
            .putAll(Options.jsonObject(json.substring(eq + 1)));
      }
      for (String option : distributorOptions) {
        int dot = option.indexOf('.');
        if (dot <= 0) {
          throw new IllegalArgumentException("expected ID.KEY=VALUE, got '" + option + "'");
        }
        configs
            .computeIfAbsent(option.substring(0, dot), k -> new LinkedHashMap<>())
            .putAll(Options.pairs(List.of(option.substring(dot + 1))));
      }
      return configs;
    }
  }

  static void putIfSet(Map<String, Object> body, String key, Object value) {
    if (value != null) {
      body.put(key, value);
    }
  }

  @Command(name = "list", description = "List repositories.")
  static final class ListRepos extends ApiCommand {
    @Override
    public Integer call() {
      JsonNode repos = api().get("repositories/?details=true");
      print(repos, () -> out().print(table(repos)));
      return 0;
    }
  }

  /** One row per repository: units summed, importer type and distributor ids. */
  static String table(JsonNode repos) {
    Table t = new Table("ID", "NAME", "UNITS", "IMPORTER", "DISTRIBUTORS");
    repos.forEach(
        r -> {
          long units = 0;
          for (JsonNode n : r.path("content_unit_counts")) {
            units += n.asLong();
          }
          List<String> dists = new ArrayList<>();
          r.path("distributors").forEach(d -> dists.add(d.path("id").asText()));
          t.row(
              r.path("id").asText(),
              r.path("display_name").asText(),
              units,
              r.path("importers").path(0).path("importer_type_id").asText(null),
              dists.isEmpty() ? null : String.join(", ", dists));
        });
    return t.isEmpty() ? "No repositories\n" : t.render();
  }

  @Command(
      name = "search",
      description = "Search repositories with Pulp's criteria.",
      footer = {
        "",
        "Example:",
        "  depot repo search --filter '{\"notes.team\": \"qa\"}' --sort id:desc \\",
        "      --limit 10"
      })
  static final class SearchRepos extends ApiCommand {
    @Mixin SearchOptions search = new SearchOptions();

    @Override
    public Integer call() {
      Map<String, Object> body =
          Map.of("criteria", search.criteria(), "details", search.fields.isEmpty());
      JsonNode repos = api().post("repositories/search/", body);
      print(repos, () -> out().print(search.table(repos, RepoCommand::table)));
      return 0;
    }
  }

  @Command(name = "show", description = "Show a repository with its importer and distributors.")
  static final class Show extends ApiCommand {
    @Parameters(paramLabel = "REPO_ID")
    String id;

    @Override
    public Integer call() {
      JsonNode repo = api().get("repositories/" + id + "/?details=true");
      print(
          repo,
          () -> {
            out().println("Repository:   " + repo.path("id").asText());
            out().println("Name:         " + repo.path("display_name").asText());
            out().println("Description:  " + repo.path("description").asText("-"));
            out().println("Notes:        " + repo.path("notes"));
            out().println("Units:        " + repo.path("content_unit_counts"));
            out()
                .println(
                    "Version:      "
                        + repo.path("latest_version").asLong()
                        + " (keeping "
                        + (repo.path("retain_versions").isNumber()
                            ? "the newest " + repo.path("retain_versions").asLong()
                            : "all")
                        + "; depot repo versions list "
                        + repo.path("id").asText()
                        + ")");
            JsonNode importer = repo.path("importers").path(0);
            out()
                .println(
                    "Importer:     "
                        + (importer.isMissingNode()
                            ? "-"
                            : importer.path("importer_type_id").asText()
                                + " "
                                + importer.path("config")
                                + ", last sync "
                                + importer.path("last_sync").asText("never")));
            Table t = DistributorCommand.table("DISTRIBUTOR", repo.path("distributors"));
            out().print(t.isEmpty() ? "Distributors: -\n" : t.render());
            for (String line : PublishedUsage.lines(api(), repo, root().caFile())) {
              out().println("Install with: " + line);
            }
          });
      return 0;
    }
  }

  @Command(name = "update", description = "Change a repository's name, description or notes.")
  static final class Update extends ApiCommand {
    @Parameters(paramLabel = "REPO_ID")
    String id;

    @Option(names = "--display-name", paramLabel = "NAME", description = "A human-readable name.")
    String displayName;

    @Option(names = "--description", paramLabel = "TEXT", description = "A free-text description.")
    String description;

    @Option(
        names = "--note",
        paramLabel = "KEY=VALUE",
        description = "Set a note; KEY= removes it (repeatable).")
    List<String> notes;

    @Option(
        names = "--retain-versions",
        paramLabel = "N|all",
        description = "Keep only the newest N versions (older ones are deleted), or all.")
    String retainVersions;

    @Override
    public Integer call() {
      Map<String, Object> delta = new LinkedHashMap<>();
      putIfSet(delta, "display_name", displayName);
      putIfSet(delta, "description", description);
      if (notes != null) {
        delta.put("notes", Options.notes(notes));
      }
      if (retainVersions != null) {
        delta.put("retain_versions", VersionCommands.retention(retainVersions));
      }
      JsonNode report = api().put("repositories/" + id + "/", Map.of("delta", delta));
      return follow(report, false, "Repository " + id + " updated");
    }
  }

  @Command(
      name = "delete",
      description = "Delete a repository (its units stay until orphan clean-up).")
  static final class Delete extends ApiCommand {
    @Parameters(paramLabel = "REPO_ID")
    String id;

    @Option(names = "--background", description = "Return the task id at once.")
    boolean background;

    @Override
    public Integer call() {
      return follow(
          api().delete("repositories/" + id + "/"), background, "Repository " + id + " deleted");
    }
  }

  @Command(name = "history", description = "Show a repository's sync or publish history.")
  static final class History extends ApiCommand {
    @Parameters(paramLabel = "REPO_ID")
    String id;

    @Option(
        names = "--publish",
        paramLabel = "DISTRIBUTOR_ID",
        description = "Publish history of this distributor instead of syncs.")
    String distributor;

    @Option(
        names = "--limit",
        defaultValue = "20",
        paramLabel = "N",
        description = "At most N entries (default 20).")
    int limit;

    @Override
    public Integer call() {
      String path =
          distributor == null
              ? "repositories/" + id + "/history/sync/"
              : "repositories/" + id + "/history/publish/" + distributor + "/";
      JsonNode entries = api().get(path + "?limit=" + limit);
      print(
          entries,
          () -> {
            Table t = new Table("STARTED", "COMPLETED", "RESULT", "ADDED", "REMOVED", "ERROR");
            entries.forEach(
                e ->
                    t.row(
                        e.path("started").asText(),
                        e.path("completed").asText(),
                        e.path("result").asText(),
                        e.has("added_count") ? e.path("added_count").asText() : null,
                        e.has("removed_count") ? e.path("removed_count").asText() : null,
                        e.path("error_message").asText(null)));
            out().print(t.isEmpty() ? "No history\n" : t.render());
          });
      return 0;
    }
  }
}
