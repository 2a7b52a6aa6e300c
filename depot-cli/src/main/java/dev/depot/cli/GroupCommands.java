package dev.depot.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code depot repo-group ...} and {@code depot consumer-group ...}: the two kinds of group share
 * their commands, which ask their parent which path and member list they work on.
 */
final class GroupCommands {
  private GroupCommands() {}

  /** A group command's parent: which groups, and what their members are called. */
  abstract static class Kind {
    abstract String path();

    abstract String membersField();

    abstract String noun();

    /** What a member is: "repository" or "consumer". */
    abstract String memberNoun();
  }

  @Command(
      name = "repo-group",
      description = "Repository groups: named sets of repositories with notes.",
      subcommands = {
        Create.class,
        ListGroups.class,
        Show.class,
        Update.class,
        Delete.class,
        Add.class,
        Remove.class,
        GroupDistributorCommands.Distributors.class,
        GroupDistributorCommands.Publish.class
      },
      footer = {
        "",
        "Example:",
        "  depot repo-group create web --member zoo --member lab --note owner=ops",
        "  depot repo-group add web mirror",
        "  depot repo-group show web"
      })
  static final class RepoGroups extends Kind {
    @Override
    String path() {
      return "repo_groups/";
    }

    @Override
    String membersField() {
      return "repo_ids";
    }

    @Override
    String noun() {
      return "Repository group";
    }

    @Override
    String memberNoun() {
      return "repository";
    }
  }

  @Command(
      name = "consumer-group",
      description = "Consumer groups: named sets of consumers, bound and unbound together.",
      subcommands = {
        Create.class,
        ListGroups.class,
        Show.class,
        Update.class,
        Delete.class,
        Add.class,
        Remove.class,
        Bind.class,
        Unbind.class
      },
      footer = {
        "",
        "Example:",
        "  depot consumer-group create lab --member web01 --member web02",
        "  depot consumer-group bind lab zoo web",
        "  depot consumer-group unbind lab zoo web"
      })
  static final class ConsumerGroups extends Kind {
    @Override
    String path() {
      return "consumer_groups/";
    }

    @Override
    String membersField() {
      return "consumer_ids";
    }

    @Override
    String noun() {
      return "Consumer group";
    }

    @Override
    String memberNoun() {
      return "consumer";
    }
  }

  /** What every group subcommand shares: its parent's kind. */
  abstract static class GroupCommand extends ApiCommand {
    @ParentCommand Kind kind;

    String groupPath(String id) {
      return kind.path() + id + "/";
    }

    void describe(JsonNode group) {
      out().println(kind.noun() + ": " + group.path("id").asText());
      out().println("Name:         " + group.path("display_name").asText("-"));
      out().println("Description:  " + group.path("description").asText("-"));
      out().println("Notes:        " + group.path("notes"));
      out().println("Members:      " + members(group.path(kind.membersField())));
    }

    static String members(JsonNode ids) {
      List<String> all = new java.util.ArrayList<>();
      ids.forEach(id -> all.add(id.asText()));
      return all.isEmpty() ? "-" : String.join(", ", all);
    }
  }

  @Command(name = "create", description = "Create a group, optionally with its first members.")
  static final class Create extends GroupCommand {
    @Parameters(paramLabel = "GROUP_ID")
    String id;

    @Option(names = "--display-name", paramLabel = "NAME", description = "A human-readable name.")
    String displayName;

    @Option(names = "--description", paramLabel = "TEXT", description = "A free-text description.")
    String description;

    @Option(
        names = "--note",
        paramLabel = "KEY=VALUE",
        description = "A note; values stay text (repeatable).")
    List<String> notes;

    @Option(
        names = "--member",
        paramLabel = "ID",
        description = "A first member: a repository or consumer id (repeatable).")
    List<String> members;

    @Override
    public Integer call() {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("id", id);
      RepoCommand.putIfSet(body, "display_name", displayName);
      RepoCommand.putIfSet(body, "description", description);
      if (notes != null) {
        body.put("notes", Options.notes(notes));
      }
      if (members != null) {
        body.put(kind.membersField(), members);
      }
      JsonNode group = api().post(kind.path(), body);
      print(group, () -> out().println(kind.noun() + " " + id + " created"));
      return 0;
    }
  }

  @Command(name = "list", description = "List the groups and their members.")
  static final class ListGroups extends GroupCommand {
    @Override
    public Integer call() {
      JsonNode groups = api().get(kind.path());
      print(
          groups,
          () -> {
            Table t = new Table("ID", "NAME", "MEMBERS");
            groups.forEach(
                g ->
                    t.row(
                        g.path("id").asText(),
                        g.path("display_name").asText(null),
                        members(g.path(kind.membersField()))));
            out().print(t.isEmpty() ? "No groups\n" : t.render());
          });
      return 0;
    }
  }

  @Command(name = "show", description = "Show a group and its members.")
  static final class Show extends GroupCommand {
    @Parameters(paramLabel = "GROUP_ID")
    String id;

    @Override
    public Integer call() {
      JsonNode group = api().get(groupPath(id));
      print(group, () -> describe(group));
      return 0;
    }
  }

  @Command(name = "update", description = "Change a group's name, description or notes.")
  static final class Update extends GroupCommand {
    @Parameters(paramLabel = "GROUP_ID")
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

    @Override
    public Integer call() {
      Map<String, Object> delta = new LinkedHashMap<>();
      RepoCommand.putIfSet(delta, "display_name", displayName);
      RepoCommand.putIfSet(delta, "description", description);
      if (notes != null) {
        delta.put("notes", Options.notes(notes));
      }
      JsonNode group = api().put(groupPath(id), delta);
      print(group, () -> out().println(kind.noun() + " " + id + " updated"));
      return 0;
    }
  }

  @Command(name = "delete", description = "Delete a group; its members stay.")
  static final class Delete extends GroupCommand {
    @Parameters(paramLabel = "GROUP_ID")
    String id;

    @Override
    public Integer call() {
      JsonNode reply = api().delete(groupPath(id));
      print(reply, () -> out().println(kind.noun() + " " + id + " deleted"));
      return 0;
    }
  }

  /** Adds or removes members by id, or by a criteria filter. */
  abstract static class Membership extends GroupCommand {
    @Parameters(index = "0", paramLabel = "GROUP_ID")
    String id;

    @Parameters(
        index = "1..*",
        paramLabel = "MEMBER_ID",
        description = "Repository or consumer ids.")
    List<String> ids;

    @Option(
        names = "--filters",
        paramLabel = "JSON|@FILE",
        description =
            "Match members by a criteria filter instead, e.g. {\"notes.tier\": \"prod\"}.")
    String filters;

    int change(String action, String done) {
      if ((ids == null) == (filters == null)) {
        throw new IllegalArgumentException("give member ids or --filters, not both or neither");
      }
      Map<String, Object> match =
          filters != null ? Options.jsonObject(filters) : Map.of("id", Map.of("$in", ids));
      JsonNode members =
          api()
              .post(
                  groupPath(id) + "actions/" + action + "/",
                  Map.of("criteria", Map.of("filters", match)));
      print(
          members,
          () ->
              out()
                  .println(kind.noun() + " " + id + " " + done + "; members: " + members(members)));
      return action.equals("associate") ? missing(members) : 0;
    }

    /**
     * Pulp adds the members a criteria matches, so an id naming nothing (a typo) is left out
     * without a word: say which, and fail, as the group is not what was asked for.
     */
    private int missing(JsonNode members) {
      if (ids == null) {
        return 0;
      }
      java.util.Set<String> now = new java.util.HashSet<>();
      members.forEach(m -> now.add(m.asText()));
      List<String> absent = ids.stream().filter(i -> !now.contains(i)).distinct().toList();
      if (absent.isEmpty()) {
        return 0;
      }
      err()
          .println(
              "Error: no " + kind.memberNoun() + " " + String.join(", ", absent) + "; not added");
      return DepotCli.FAILED;
    }
  }

  @Command(name = "add", description = "Add members to a group.")
  static final class Add extends Membership {
    @Override
    public Integer call() {
      return change("associate", "changed");
    }
  }

  @Command(name = "remove", description = "Remove members from a group (they are not deleted).")
  static final class Remove extends Membership {
    @Override
    public Integer call() {
      return change("unassociate", "changed");
    }
  }

  @Command(name = "bind", description = "Bind every consumer of the group to a distributor.")
  static final class Bind extends GroupCommand {
    @Parameters(index = "0", paramLabel = "GROUP_ID")
    String id;

    @Parameters(index = "1", paramLabel = "REPO_ID")
    String repo;

    @Parameters(index = "2", paramLabel = "DISTRIBUTOR_ID")
    String distributor;

    @Option(
        names = "--binding-config",
        paramLabel = "JSON|@FILE",
        description = "The binding config each member gets.")
    String bindingConfig;

    @Override
    public Integer call() {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("repo_id", repo);
      body.put("distributor_id", distributor);
      body.put("notify_agent", false);
      if (bindingConfig != null) {
        body.put("binding_config", Options.jsonObject(bindingConfig));
      }
      JsonNode report = api().post(groupPath(id) + "bindings/", body);
      print(
          report,
          () -> {
            List<String> bound = new java.util.ArrayList<>();
            report.path("result").forEach(b -> bound.add(b.path("consumer_id").asText()));
            out()
                .println(
                    "Bound "
                        + (bound.isEmpty() ? "no consumers" : String.join(", ", bound))
                        + " to "
                        + repo
                        + "/"
                        + distributor);
          });
      return 0;
    }
  }

  @Command(name = "unbind", description = "Unbind every consumer of the group from a distributor.")
  static final class Unbind extends GroupCommand {
    @Parameters(index = "0", paramLabel = "GROUP_ID")
    String id;

    @Parameters(index = "1", paramLabel = "REPO_ID")
    String repo;

    @Parameters(index = "2", paramLabel = "DISTRIBUTOR_ID")
    String distributor;

    @Override
    public Integer call() {
      JsonNode report = api().delete(groupPath(id) + "bindings/" + repo + "/" + distributor + "/");
      print(
          report, () -> out().println("Unbound group " + id + " from " + repo + "/" + distributor));
      return 0;
    }
  }
}
