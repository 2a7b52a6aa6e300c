package dev.depot.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code depot repo publish REPO --distributor ID} and {@code repo publish schedule ...}. */
@Command(
    name = "publish",
    description = "Publish a repository through one of its distributors; waits and shows progress.",
    subcommands = {PublishCommand.Schedule.class})
final class PublishCommand extends ApiCommand {
  @Parameters(paramLabel = "REPO_ID", arity = "0..1")
  String repo;

  @Option(
      names = "--distributor",
      paramLabel = "ID",
      description = "Which distributor publishes (may be left out when the repository has one).")
  String distributor;

  @Option(
      names = "--override",
      paramLabel = "KEY=VALUE",
      description = "Config for this publish only.")
  List<String> overrides;

  @Option(names = "--background", description = "Return the task id at once.")
  boolean background;

  @Option(
      names = "--version",
      paramLabel = "N",
      description = "Publish this kept version of the repository instead of the latest.")
  Long version;

  @Override
  public Integer call() {
    if (repo == null) {
      throw new IllegalArgumentException(
          "give the repository (and its distributor): depot repo publish REPO_ID --distributor"
              + " ID");
    }
    if (distributor == null) {
      distributor = onlyDistributor();
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("id", distributor);
    body.put("override_config", Options.pairs(overrides));
    if (version != null) {
      body.put("version", version);
    }
    int code =
        follow(
            api().post("repositories/" + repo + "/actions/publish/", body),
            background,
            "Repository "
                + repo
                + (version == null ? "" : " version " + version)
                + " published by "
                + distributor);
    if (code == 0 && !background && !json()) {
      printServed();
    }
    return code;
  }

  /**
   * Where the publish is served: a whole URL over each protocol, with the host of the CLI's own
   * server URL (the name the user reaches the server by) and, over the other protocol, the port the
   * server's status names; a path only when the server names none. A push names where it went.
   */
  private void printServed() {
    URI server = URI.create(api().baseUrl());
    JsonNode published = api().get("repositories/" + repo + "/distributors/" + distributor + "/");
    printLocations(this, published.path("published_locations"));
    if (published.path("published_locations").isEmpty()) {
      notServed(repo, published).ifPresent(out()::println);
    }
    // The tree's URL is not what a client names (puppet wants the Forge API's): say what is.
    PublishedUsage.line(
            server, repo, published, root().caFile(), () -> api().get("status/").path("listeners"))
        .ifPresent(line -> out().println("  install with: " + line));
    out().flush();
  }

  /**
   * Prints a distributor's {@code published_locations} (a repository's or a group's) as URLs a
   * client fetches.
   */
  static void printLocations(ApiCommand command, JsonNode locations) {
    URI server = URI.create(command.api().baseUrl());
    JsonNode listeners = null;
    for (JsonNode location : locations) {
      String protocol = location.path("protocol").asText();
      String path = location.path("served_path").asText(null);
      if (path == null || protocol.equals("file")) {
        continue; // a "file" location is an export_dir: the task's summary said where it wrote
      }
      if (!(protocol.equals("http") || protocol.equals("https"))) {
        // A push (rsync): where it went, as rsync takes it back (rsync -aL PATH ./copy/).
        command.out().println("  pushed over " + protocol + " to " + path);
        continue;
      }
      String where;
      if (protocol.equalsIgnoreCase(server.getScheme())) {
        where = server.resolve(path).toString();
      } else {
        if (listeners == null) {
          listeners = command.api().get("status/").path("listeners");
        }
        where = overOtherListener(server, protocol, listeners.path(protocol).asText(null), path);
      }
      command.out().println("  served over " + protocol + " at " + where);
    }
    command.out().flush();
  }

  /**
   * The line saying a publish is served nowhere, when the distributor's config switched serving
   * off: it printed no URL, and "published" alone leaves the user looking for one. The switches are
   * the config's false keys named after a protocol ({@code http}, {@code serve_https}, ...): Pulp's
   * names for them in every type, so no type is named here. A distributor without such keys (one
   * that installs or pushes) gets no line.
   */
  static Optional<String> notServed(String repo, JsonNode distributor) {
    List<String> off = new ArrayList<>();
    for (Map.Entry<String, JsonNode> entry : distributor.path("config").properties()) {
      JsonNode value = entry.getValue();
      boolean isFalse = value.isBoolean() ? !value.asBoolean() : value.asText().equals("false");
      if (entry.getKey().matches("(.*_)?https?") && isFalse) {
        off.add(entry.getKey());
      }
    }
    if (off.isEmpty()) {
      return Optional.empty();
    }
    String id = distributor.path("id").asText();
    // HTTPS first: what a client should prefer; the other switches as alternatives.
    String first = off.stream().filter(k -> k.endsWith("https")).findFirst().orElse(off.getFirst());
    List<String> others = off.stream().filter(k -> !k.equals(first)).map(k -> k + "=true").toList();
    return Optional.of(
        "  not served over HTTP or HTTPS: distributor "
            + id
            + " has "
            + String.join(", ", off.stream().map(k -> k + "=false").toList())
            + "; to serve it: depot repo distributor update "
            + repo
            + " "
            + id
            + " --option "
            + first
            + "=true"
            + (others.isEmpty() ? "" : " (or " + String.join(", ", others) + ")")
            + ", then publish again");
  }

  /** {@code path} at the CLI's server host on the other listener's port, or alone without one. */
  private static String overOtherListener(
      URI server, String protocol, String listener, String path) {
    return ListenerUrls.at(server, protocol, listener)
        .map(at -> at.resolve(path).toString())
        .orElse(path);
  }

  /**
   * The repository's distributor when it has just one: most repositories publish one way, and
   * naming it every time is noise. With none or several, says which there are.
   */
  private String onlyDistributor() {
    List<String> ids = new ArrayList<>();
    api()
        .get("repositories/" + repo + "/distributors/")
        .forEach(d -> ids.add(d.path("id").asText()));
    return switch (ids.size()) {
      case 1 -> ids.getFirst();
      case 0 ->
          throw new IllegalArgumentException(
              "repository "
                  + repo
                  + " has no distributor to publish with; add one: depot repo distributor add "
                  + repo
                  + " --type TYPE --id ID");
      default ->
          throw new IllegalArgumentException(
              "repository "
                  + repo
                  + " has distributors "
                  + String.join(", ", ids)
                  + ": choose one with --distributor ID");
    };
  }

  /** Publish schedules: under a distributor (--distributor). */
  @Command(
      name = "schedule",
      description = "Scheduled publishes of one distributor (--distributor ID).",
      subcommands = {
        ScheduleCommands.Create.class,
        ScheduleCommands.ListSchedules.class,
        ScheduleCommands.Update.class,
        ScheduleCommands.Delete.class
      })
  static final class Schedule implements ScheduleCommands.Target {
    @Override
    public String path(ApiClient api, String repo, String owner) {
      if (owner == null) {
        throw new IllegalArgumentException("publish schedules need --distributor ID");
      }
      return "repositories/" + repo + "/distributors/" + owner + "/schedules/publish/";
    }
  }
}
