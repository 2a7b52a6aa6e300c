package dev.depot.publish.rsync;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where an rsync push goes: an ssh account on a host, a remote root and the directory below it that
 * receives unit files. Every part that reaches a command line is checked here so that no value can
 * be read as an option or expanded by a shell on either end.
 *
 * @param host the remote host name or address
 * @param port the ssh port, or 0 for ssh's default
 * @param user the remote account
 * @param identityFile the private key ssh authenticates with (absolute); never shown to users
 * @param knownHostsFile where ssh remembers the host's key (absolute); a host key seen once must
 *     stay the same
 * @param root the remote root directory (absolute)
 * @param unitsPath the directory below {@code root} that receives unit files (relative)
 */
public record RsyncTarget(
    String host,
    int port,
    String user,
    Path identityFile,
    Path knownHostsFile,
    String root,
    String unitsPath) {

  private static final Pattern HOST = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]*");
  private static final Pattern USER = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]*");
  private static final Pattern REMOTE_PATH = Pattern.compile("[A-Za-z0-9._+@/-]+");

  /** Checks every part; the messages name the part, never the identity file's path. */
  public RsyncTarget {
    hostProblem(host).ifPresent(RsyncTarget::refuse);
    userProblem(user).ifPresent(RsyncTarget::refuse);
    rootProblem(root).ifPresent(RsyncTarget::refuse);
    unitsPathProblem(unitsPath).ifPresent(RsyncTarget::refuse);
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be between 1 and 65535");
    }
    Objects.requireNonNull(identityFile, "identityFile");
    Objects.requireNonNull(knownHostsFile, "knownHostsFile");
    if (!identityFile.isAbsolute() || !knownHostsFile.isAbsolute()) {
      throw new IllegalArgumentException("the identity and known-hosts files must be absolute");
    }
    for (Path file : List.of(identityFile, knownHostsFile)) {
      if (file.toString().matches(".*['\"\\\\\\s].*")) {
        // rsync splits the -e command on white space and quotes.
        throw new IllegalArgumentException(
            "the ssh identity and known-hosts paths must not hold"
                + " quotes, backslashes or white space");
      }
    }
  }

  private static void refuse(String message) {
    throw new IllegalArgumentException(message);
  }

  /** Why a host name is refused, if it is. */
  public static Optional<String> hostProblem(String host) {
    return host != null && HOST.matcher(host).matches()
        ? Optional.empty()
        : Optional.of("host must be a host name or address");
  }

  /** Why a user name is refused, if it is. */
  public static Optional<String> userProblem(String user) {
    return user != null && USER.matcher(user).matches()
        ? Optional.empty()
        : Optional.of(
            "ssh_user must be a user name (letters, digits, '.', '_', '-'; not starting with '-')");
  }

  /** Why a remote root is refused, if it is. */
  public static Optional<String> rootProblem(String root) {
    if (root == null || !root.startsWith("/")) {
      return Optional.of("root must be an absolute path");
    }
    return pathProblem("root", root);
  }

  /** Why a remote units path is refused, if it is. */
  public static Optional<String> unitsPathProblem(String path) {
    if (path == null || path.isEmpty() || path.startsWith("/")) {
      return Optional.of("remote_units_path must be a relative path");
    }
    return pathProblem("remote_units_path", path);
  }

  /** Why a path below the remote root is refused, if it is: used for the pushed tree's place. */
  public static Optional<String> pathProblem(String name, String path) {
    if (!REMOTE_PATH.matcher(path).matches()) {
      return Optional.of(name + " may hold only letters, digits and the characters . _ + @ / -");
    }
    for (String segment : path.split("/")) {
      if (segment.equals("..") || segment.startsWith("-")) {
        return Optional.of(name + " must not hold '..' or a segment starting with '-'");
      }
    }
    return Optional.empty();
  }

  /** The remote shell command rsync runs ({@code -e}). */
  String sshCommand() {
    StringBuilder ssh = new StringBuilder("ssh -i ").append(identityFile);
    ssh.append(" -o IdentitiesOnly=yes -o BatchMode=yes -o StrictHostKeyChecking=accept-new");
    ssh.append(" -o UserKnownHostsFile=").append(knownHostsFile);
    ssh.append(" -o ConnectTimeout=30 -o LogLevel=ERROR");
    if (port != 0) {
      ssh.append(" -p ").append(port);
    }
    return ssh.toString();
  }

  /** The rsync destination for a directory below the root. */
  String destination(String belowRoot) {
    String dir = belowRoot.isEmpty() ? root : root.replaceAll("/+$", "") + "/" + belowRoot;
    return user + "@" + (host.contains(":") ? "[" + host + "]" : host) + ":" + dir + "/";
  }

  /**
   * Where a user fetches a directory below the root, in rsync's own terms: the destination, after
   * the {@code -e 'ssh -p N'} rsync needs when ssh listens on a port other than 22. rsync's {@code
   * host:path} has no place for a port, and {@code rsync://host:port/} would name rsync's daemon,
   * not ssh. The push's identity and known-hosts files are the server's, so they are left out.
   */
  String location(String belowRoot) {
    String where = destination(belowRoot);
    return port == 0 || port == 22 ? where : "-e 'ssh -p " + port + "' " + where;
  }

  /** Removes the identity and known-hosts paths from a message ssh or rsync printed. */
  String scrub(String message) {
    return message
        .replace(identityFile.toString(), "<ssh_identity_file>")
        .replace(knownHostsFile.toString(), "<known_hosts>");
  }
}
