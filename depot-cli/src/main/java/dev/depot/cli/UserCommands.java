package dev.depot.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code depot user|role ...}: Pulp's users and roles ({@link PermissionCommands} grants them
 * operations). A password is read from the environment variable a flag names, never from the
 * command line, so it does not show in the process list or shell history.
 */
final class UserCommands {
  private UserCommands() {}

  /**
   * {@code --password} is the global option the CLI logs in with, wherever it is written: {@code
   * user create alice --password x} reads naturally as alice's password, so say what it is.
   */
  private static void noteLoginPassword(ApiCommand command, String login) {
    if (command.spec.commandLine().getParseResult().hasMatchedOption("--password")) {
      command
          .err()
          .println(
              "note: --password is the password this CLI logs in with, not "
                  + login
                  + "'s; give "
                  + login
                  + "'s with --password-env VAR");
    }
  }

  private static String password(String variable, Map<String, String> env) {
    if (variable == null) {
      return null;
    }
    String password = env.get(variable);
    if (password == null || password.isEmpty()) {
      throw new IllegalArgumentException("environment variable " + variable + " is not set");
    }
    return password;
  }

  private static void printUsers(ApiCommand command, JsonNode users) {
    command.print(
        users,
        () -> {
          Table t = new Table("LOGIN", "NAME", "ROLES");
          users.forEach(u -> t.row(u.path("login").asText(), u.path("name").asText(), roles(u)));
          command.out().print(t.isEmpty() ? "No users\n" : t.render());
        });
  }

  private static String roles(JsonNode user) {
    StringBuilder roles = new StringBuilder();
    user.path("roles").forEach(r -> roles.append(roles.isEmpty() ? "" : ",").append(r.asText()));
    return roles.toString();
  }

  /** {@code depot user ...}. */
  @Command(
      name = "user",
      description = "API users: create, list, show, update, delete.",
      subcommands = {
        User.Create.class,
        User.ListUsers.class,
        User.Show.class,
        User.Update.class,
        User.Delete.class
      })
  static final class User {
    @Command(name = "create", description = "Create a user.")
    static final class Create extends ApiCommand {
      @Parameters(index = "0", paramLabel = "LOGIN")
      String login;

      @Option(names = "--name", paramLabel = "NAME", description = "The user's full name.")
      String name;

      @Option(
          names = "--password-env",
          paramLabel = "VAR",
          description = "Take the password from this environment variable.")
      String passwordEnv;

      @Override
      public Integer call() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("login", login);
        if (name != null) {
          body.put("name", name);
        }
        noteLoginPassword(this, login);
        String password = password(passwordEnv, env());
        if (password != null) {
          body.put("password", password);
        }
        JsonNode created = api().post("users/", body);
        print(created, () -> out().println("User " + login + " created"));
        return 0;
      }
    }

    @Command(name = "list", description = "List users and their roles.")
    static final class ListUsers extends ApiCommand {
      @Override
      public Integer call() {
        printUsers(this, api().get("users/"));
        return 0;
      }
    }

    @Command(name = "show", description = "Show a user.")
    static final class Show extends ApiCommand {
      @Parameters(index = "0", paramLabel = "LOGIN")
      String login;

      @Override
      public Integer call() {
        JsonNode user = api().get("users/" + login + "/");
        printUsers(this, ApiClient.JSON.createArrayNode().add(user));
        return 0;
      }
    }

    @Command(name = "update", description = "Change a user's name, password or roles.")
    static final class Update extends ApiCommand {
      @Parameters(index = "0", paramLabel = "LOGIN")
      String login;

      @Option(names = "--name", paramLabel = "NAME", description = "The user's full name.")
      String name;

      @Option(
          names = "--password-env",
          paramLabel = "VAR",
          description = "Take the new password from this environment variable.")
      String passwordEnv;

      @Option(
          names = "--roles",
          split = ",",
          paramLabel = "ROLE",
          description = "The user's roles, all of them (comma-separated; '' for none).")
      List<String> roles;

      @Override
      public Integer call() {
        Map<String, Object> delta = new LinkedHashMap<>();
        if (name != null) {
          delta.put("name", name);
        }
        noteLoginPassword(this, login);
        String password = password(passwordEnv, env());
        if (password != null) {
          delta.put("password", password);
        }
        if (roles != null) {
          delta.put("roles", roles.stream().filter(r -> !r.isBlank()).toList());
        }
        if (delta.isEmpty()) {
          throw new IllegalArgumentException(
              "nothing to change: give --name, --password-env or --roles");
        }
        JsonNode updated = api().put("users/" + login + "/", Map.of("delta", delta));
        print(updated, () -> out().println("User " + login + " updated"));
        return 0;
      }
    }

    @Command(name = "delete", description = "Delete a user and its permissions.")
    static final class Delete extends ApiCommand {
      @Parameters(index = "0", paramLabel = "LOGIN")
      String login;

      @Override
      public Integer call() {
        api().delete("users/" + login + "/");
        print(
            ApiClient.JSON.createObjectNode().put("deleted", login),
            () -> out().println("User " + login + " deleted"));
        return 0;
      }
    }
  }

  /** {@code depot role ...}. */
  @Command(
      name = "role",
      description = "Roles: named sets of users that permissions are granted to.",
      subcommands = {
        Role.Create.class,
        Role.ListRoles.class,
        Role.Show.class,
        Role.Update.class,
        Role.Delete.class,
        Role.AddUser.class,
        Role.RemoveUser.class
      })
  static final class Role {
    @Command(name = "create", description = "Create a role.")
    static final class Create extends ApiCommand {
      @Parameters(index = "0", paramLabel = "ROLE")
      String id;

      @Option(names = "--display-name", paramLabel = "NAME", description = "A human-readable name.")
      String displayName;

      @Option(
          names = "--description",
          paramLabel = "TEXT",
          description = "A free-text description.")
      String description;

      @Override
      public Integer call() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("role_id", id);
        if (displayName != null) {
          body.put("display_name", displayName);
        }
        if (description != null) {
          body.put("description", description);
        }
        JsonNode created = api().post("roles/", body);
        print(created, () -> out().println("Role " + id + " created"));
        return 0;
      }
    }

    @Command(name = "list", description = "List roles and their members.")
    static final class ListRoles extends ApiCommand {
      @Override
      public Integer call() {
        JsonNode roles = api().get("roles/");
        print(
            roles,
            () -> {
              Table t = new Table("ROLE", "DISPLAY_NAME", "USERS");
              roles.forEach(
                  r ->
                      t.row(
                          r.path("id").asText(),
                          r.path("display_name").asText(),
                          String.join(
                              ",", ApiClient.JSON.convertValue(r.path("users"), String[].class))));
              out().print(t.isEmpty() ? "No roles\n" : t.render());
            });
        return 0;
      }
    }

    @Command(name = "show", description = "Show a role, its members and its permissions.")
    static final class Show extends ApiCommand {
      @Parameters(index = "0", paramLabel = "ROLE")
      String id;

      @Override
      public Integer call() {
        JsonNode role = api().get("roles/" + id + "/");
        print(
            role,
            () -> {
              out().println("Role:        " + role.path("id").asText());
              out().println("Name:        " + role.path("display_name").asText());
              out().println("Users:       " + role.path("users"));
              out().println("Permissions: " + role.path("permissions"));
            });
        return 0;
      }
    }

    @Command(name = "update", description = "Change a role's display name or description.")
    static final class Update extends ApiCommand {
      @Parameters(index = "0", paramLabel = "ROLE")
      String id;

      @Option(names = "--display-name", paramLabel = "NAME", description = "A human-readable name.")
      String displayName;

      @Option(
          names = "--description",
          paramLabel = "TEXT",
          description = "A free-text description.")
      String description;

      @Override
      public Integer call() {
        Map<String, Object> delta = new LinkedHashMap<>();
        if (displayName != null) {
          delta.put("display_name", displayName);
        }
        if (description != null) {
          delta.put("description", description);
        }
        if (delta.isEmpty()) {
          throw new IllegalArgumentException(
              "nothing to change: give --display-name or --description");
        }
        JsonNode updated = api().put("roles/" + id + "/", Map.of("delta", delta));
        print(updated, () -> out().println("Role " + id + " updated"));
        return 0;
      }
    }

    @Command(name = "delete", description = "Delete a role and its permissions.")
    static final class Delete extends ApiCommand {
      @Parameters(index = "0", paramLabel = "ROLE")
      String id;

      @Override
      public Integer call() {
        api().delete("roles/" + id + "/");
        print(
            ApiClient.JSON.createObjectNode().put("deleted", id),
            () -> out().println("Role " + id + " deleted"));
        return 0;
      }
    }

    @Command(name = "add-user", description = "Make a user a member of a role.")
    static final class AddUser extends ApiCommand {
      @Parameters(index = "0", paramLabel = "ROLE")
      String id;

      @Parameters(index = "1", paramLabel = "LOGIN")
      String login;

      @Override
      public Integer call() {
        api().post("roles/" + id + "/users/", Map.of("login", login));
        print(
            ApiClient.JSON.createObjectNode().put("role", id).put("added", login),
            () -> out().println("User " + login + " added to " + id));
        return 0;
      }
    }

    @Command(name = "remove-user", description = "Take a user out of a role.")
    static final class RemoveUser extends ApiCommand {
      @Parameters(index = "0", paramLabel = "ROLE")
      String id;

      @Parameters(index = "1", paramLabel = "LOGIN")
      String login;

      @Override
      public Integer call() {
        api().delete("roles/" + id + "/users/" + login + "/");
        print(
            ApiClient.JSON.createObjectNode().put("role", id).put("removed", login),
            () -> out().println("User " + login + " removed from " + id));
        return 0;
      }
    }
  }
}
