package dev.depot.plugins.puppet;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * A module release's identity, the {@code puppet_module} unit key: author, module name and version,
 * with the rules Puppet itself applies, so a name Depot accepts is one {@code puppet module
 * install} accepts, and a file name built from it cannot leave its directory.
 *
 * @param author letters and digits (the Forge's user names)
 * @param name lower-case letters, digits and {@code _}, starting with a letter
 * @param version a semantic version ({@code 1.2.3}, {@code 1.2.3-rc.1}, {@code 1.2.3+build.5})
 */
record ModuleId(String author, String name, String version) {
  private static final Pattern AUTHOR = Pattern.compile("[A-Za-z0-9]+");
  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]*");
  private static final Pattern SEMVER =
      Pattern.compile(
          "(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)"
              + "(-[0-9A-Za-z-]+(\\.[0-9A-Za-z-]+)*)?(\\+[0-9A-Za-z-]+(\\.[0-9A-Za-z-]+)*)?");

  ModuleId {
    if (author == null || !AUTHOR.matcher(author).matches()) {
      throw new IllegalArgumentException("not a module author (letters and digits): " + author);
    }
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "not a module name (lower-case letters, digits and _, starting with a letter): " + name);
    }
    if (version == null) {
      throw new IllegalArgumentException("no \"version\" field");
    }
    if (!SEMVER.matcher(version).matches()) {
      throw new IllegalArgumentException("not a semantic version: " + version);
    }
  }

  /**
   * A module's full name as {@code metadata.json} and the Forge write it, {@code author-name} or
   * the older {@code author/name}, with its version.
   */
  static ModuleId parse(String fullName, String version) {
    if (fullName == null) {
      throw new IllegalArgumentException("no \"name\" field");
    }
    String[] parts = fullName.split("[-/]", 2);
    if (parts.length != 2) {
      throw new IllegalArgumentException(
          "module name " + fullName + " is not <author>-<name> or <author>/<name>");
    }
    return new ModuleId(parts[0], parts[1], version);
  }

  /** The unit a {@code puppet_module} unit key names. */
  static ModuleId of(Map<String, Object> unitKey) {
    return new ModuleId(
        (String) unitKey.get("author"),
        (String) unitKey.get("name"),
        (String) unitKey.get("version"));
  }

  Map<String, Object> unitKey() {
    return Map.of("author", author, "name", name, "version", version);
  }

  /** {@code author-name}, as the Forge's v3 API names a module ("slug"). */
  String slug() {
    return author + "-" + name;
  }

  /** {@code author-name-version}, as the Forge names a release. */
  String releaseSlug() {
    return slug() + "-" + version;
  }

  /** The release's tarball name, {@code author-name-version.tar.gz}. */
  String fileName() {
    return releaseSlug() + ".tar.gz";
  }

  /** Where Pulp's tree links the tarball: {@code system/releases/<a>/<author>/<file>}. */
  String releasePath() {
    return "system/releases/" + author.substring(0, 1) + "/" + author + "/" + fileName();
  }
}
