package dev.depot.publish.rsync;

import dev.depot.plugin.PluginCallConfiguration;
import dev.depot.publish.config.ConfigCheck;
import dev.depot.publish.files.LocalPaths;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The configuration of an rsync distributor, as Pulp spells it: a {@code remote} object (host,
 * account, key, remote root and units path), the {@code predistributor_id} whose published tree is
 * pushed, and switches. Checked as a whole so the user sees every problem at once, each naming its
 * key; the key file's path is never repeated in a message.
 */
final class RsyncConfig {
  /** Where unit files go below the remote root when {@code remote_units_path} is not set. */
  static final String DEFAULT_UNITS_PATH = "content/units";

  static final Set<String> KEYS =
      Set.of(
          "remote",
          "predistributor_id",
          "delete",
          "content_units_only",
          "force_full",
          "skip_repodata",
          "rsync_extra_args");

  static final Set<String> REMOTE_KEYS =
      Set.of(
          "host",
          "auth_type",
          "ssh_user",
          "ssh_identity_file",
          "root",
          "remote_units_path",
          "port");

  private RsyncConfig() {}

  /**
   * Checks a whole config, adding every problem to the check.
   *
   * @param predistributorTypeId the web distributor type a {@code predistributor_id} must name, for
   *     the message when it is missing
   */
  static void check(ConfigCheck check, String predistributorTypeId) {
    PluginCallConfiguration config = check.config();
    check.onlyKeys(KEYS);
    for (String key : config.repoConfig().keySet()) {
      if (config.repoConfig().get(key) == null) {
        check.problem(key, key + " must not be null");
      }
    }
    for (String key : List.of("delete", "content_units_only", "force_full", "skip_repodata")) {
      check.bool(key);
    }
    String predistributor = check.string("predistributor_id");
    if (predistributor == null || predistributor.isBlank()) {
      check.problem(
          "predistributor_id",
          "predistributor_id is required: the id of the "
              + predistributorTypeId
              + " on this repository whose published tree is pushed");
    }
    checkArgs(check, config.get("rsync_extra_args").orElse(null));
    Object remote = config.get("remote").orElse(null);
    if (!(remote instanceof Map<?, ?> map)) {
      check.problem(
          "remote",
          "remote is required: an object with host, ssh_user, ssh_identity_file and root");
      return;
    }
    checkRemote(check, map);
  }

  private static void checkArgs(ConfigCheck check, Object value) {
    if (value == null) {
      return;
    }
    if (!(value instanceof List<?> list)) {
      check.problem("rsync_extra_args", "rsync_extra_args must be a list of strings");
      return;
    }
    for (Object arg : list) {
      if (!(arg instanceof String text)) {
        check.problem("rsync_extra_args", "rsync_extra_args must be a list of strings");
        continue;
      }
      RsyncArgs.refusal(text)
          .ifPresent(problem -> check.problem("rsync_extra_args", "rsync_extra_args: " + problem));
    }
  }

  private static void checkRemote(ConfigCheck check, Map<?, ?> remote) {
    for (Object key : remote.keySet()) {
      if (!REMOTE_KEYS.contains(String.valueOf(key))) {
        check.problem(
            "remote",
            "remote." + key + " is not supported; known keys: " + String.join(", ", sorted()));
      } else if (remote.get(key) == null) {
        check.problem("remote", "remote." + key + " must not be null");
      }
    }
    for (String key : List.of("host", "ssh_user", "ssh_identity_file", "root")) {
      if (!(remote.get(key) instanceof String text) || text.isBlank()) {
        check.problem("remote", "remote." + key + " is required and must be a non-empty string");
      }
    }
    if (remote.get("host") instanceof String host) {
      RsyncTarget.hostProblem(host).ifPresent(p -> check.problem("remote", "remote." + p));
    }
    if (remote.get("ssh_user") instanceof String user) {
      RsyncTarget.userProblem(user).ifPresent(p -> check.problem("remote", "remote." + p));
    }
    if (remote.get("root") instanceof String root) {
      RsyncTarget.rootProblem(root).ifPresent(p -> check.problem("remote", "remote." + p));
    }
    Object units = remote.get("remote_units_path");
    if (units != null) {
      if (units instanceof String path) {
        RsyncTarget.unitsPathProblem(path).ifPresent(p -> check.problem("remote", "remote." + p));
      } else {
        check.problem("remote", "remote.remote_units_path must be a string");
      }
    }
    Object auth = remote.get("auth_type");
    if (auth != null && !"publickey".equals(auth)) {
      check.problem("remote", "remote.auth_type must be \"publickey\" (the only one supported)");
    }
    Object port = remote.get("port");
    if (port != null && !(port(port).isPresent())) {
      check.problem("remote", "remote.port must be a whole number between 1 and 65535");
    }
    if (remote.get("ssh_identity_file") instanceof String key && !key.isBlank()) {
      identityProblem(key).ifPresent(p -> check.problem("remote", p));
    }
  }

  private static List<String> sorted() {
    List<String> keys = new ArrayList<>(REMOTE_KEYS);
    keys.sort(null);
    return keys;
  }

  private static Optional<String> identityProblem(String file) {
    Path path;
    try {
      path = Path.of(file);
    } catch (InvalidPathException e) {
      return Optional.of("remote.ssh_identity_file must be a file path");
    }
    if (!path.isAbsolute()) {
      return Optional.of("remote.ssh_identity_file must be an absolute path");
    }
    if (file.matches(".*['\"\\\\\\s].*")) {
      return Optional.of(
          "remote.ssh_identity_file must not hold quotes, backslashes or white space");
    }
    if (LocalPaths.isPrivate(path)) {
      // Its CA and TLS keys are not for pushing, nor the server's other files for probing.
      return Optional.of("remote.ssh_identity_file must not lie inside Depot's data directory");
    }
    if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
      return Optional.of("remote.ssh_identity_file must be a private key file the server can read");
    }
    return Optional.empty();
  }

  private static Optional<Integer> port(Object value) {
    long port;
    if (value instanceof Integer || value instanceof Long || value instanceof Short) {
      port = ((Number) value).longValue();
    } else if (value instanceof String text && text.matches("\\d{1,5}")) {
      port = Long.parseLong(text);
    } else {
      return Optional.empty();
    }
    return port >= 1 && port <= 65535 ? Optional.of((int) port) : Optional.empty();
  }

  /** The push target of a checked config. */
  static RsyncTarget target(PluginCallConfiguration config, Path knownHosts) {
    Map<?, ?> remote = config.getMap("remote").orElseThrow();
    Object units = remote.get("remote_units_path");
    return new RsyncTarget(
        (String) remote.get("host"),
        remote.get("port") == null ? 0 : port(remote.get("port")).orElseThrow(),
        (String) remote.get("ssh_user"),
        Path.of((String) remote.get("ssh_identity_file")),
        knownHosts,
        (String) remote.get("root"),
        units instanceof String path ? path : DEFAULT_UNITS_PATH);
  }

  /** The extra rsync arguments of a checked config. */
  static List<String> extraArgs(PluginCallConfiguration config) {
    return config.getList("rsync_extra_args").orElse(List.of()).stream()
        .map(String.class::cast)
        .toList();
  }
}
