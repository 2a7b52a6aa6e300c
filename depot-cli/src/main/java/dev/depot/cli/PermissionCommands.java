package dev.depot.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code depot permission ...}: who may do which operations on which API paths, granted to users
 * ({@link UserCommands}) or roles.
 */
final class PermissionCommands {
  private PermissionCommands() {}

  /** {@code depot permission ...}. */
  @Command(
      name = "permission",
      description =
          "Per-resource permissions: operations (CREATE, READ, UPDATE, DELETE, EXECUTE) on API"
              + " paths such as /v2/repositories/, covering every path below.",
      subcommands = {Permission.ListGrants.class, Permission.Grant.class, Permission.Revoke.class})
  static final class Permission {
    @Command(name = "list", description = "Who holds what, on every resource or one.")
    static final class ListGrants extends ApiCommand {
      @Option(
          names = "--resource",
          paramLabel = "PATH",
          description = "Only this resource path, e.g. /v2/repositories/zoo/.")
      String resource;

      @Override
      public Integer call() {
        JsonNode grants =
            api()
                .get(
                    "permissions/"
                        + (resource == null
                            ? ""
                            : "?resource="
                                + java.net.URLEncoder.encode(
                                    resource, java.nio.charset.StandardCharsets.UTF_8)));
        print(
            grants,
            () -> {
              Table t = new Table("RESOURCE", "WHO", "OPERATIONS");
              grants.forEach(
                  g -> {
                    g.path("users")
                        .properties()
                        .forEach(
                            u ->
                                t.row(
                                    g.path("resource").asText(),
                                    "user " + u.getKey(),
                                    u.getValue()));
                    g.path("roles")
                        .properties()
                        .forEach(
                            r ->
                                t.row(
                                    g.path("resource").asText(),
                                    "role " + r.getKey(),
                                    r.getValue()));
                  });
              out().print(t.isEmpty() ? "No permissions\n" : t.render());
            });
        return 0;
      }
    }

    /** What grant and revoke share. */
    abstract static class Change extends ApiCommand {
      @Option(names = "--login", paramLabel = "LOGIN", description = "To or from this user.")
      String user;

      @Option(names = "--role", paramLabel = "ROLE", description = "To or from this role.")
      String role;

      @Option(
          names = "--resource",
          required = true,
          paramLabel = "PATH",
          description = "The resource path, e.g. /v2/repositories/ or /v2/repositories/zoo/.")
      String resource;

      @Option(
          names = "--op",
          required = true,
          split = ",",
          paramLabel = "OP",
          description = "CREATE, READ, UPDATE, DELETE, EXECUTE (comma-separated).")
      List<String> operations;

      Integer change(String verb, String preposition) {
        if ((user == null) == (role == null)) {
          throw new IllegalArgumentException("give exactly one of --login and --role");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put(user != null ? "login" : "role_id", user != null ? user : role);
        body.put("resource", resource);
        body.put("operations", operations);
        String action = verb + "_" + preposition + "_" + (user != null ? "user" : "role");
        api().post("permissions/actions/" + action + "/", body);
        String who = user != null ? "user " + user : "role " + role;
        print(
            ApiClient.JSON.valueToTree(body),
            () -> out().println(operations + " on " + resource + ": " + verb + " " + who));
        return 0;
      }
    }

    @Command(name = "grant", description = "Grant operations on a resource to a user or role.")
    static final class Grant extends Change {
      @Override
      public Integer call() {
        return change("grant", "to");
      }
    }

    @Command(name = "revoke", description = "Revoke operations on a resource.")
    static final class Revoke extends Change {
      @Override
      public Integer call() {
        return change("revoke", "from");
      }
    }
  }
}
