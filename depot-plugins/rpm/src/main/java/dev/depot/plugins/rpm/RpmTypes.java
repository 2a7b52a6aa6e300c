package dev.depot.plugins.rpm;

import dev.depot.plugin.ContentTypeDefinition;
import dev.depot.plugin.ContentTypes;
import java.util.List;

/**
 * Declares the {@code rpm} and {@code srpm} types, keyed as in Pulp: name, epoch, version, release,
 * arch, checksum type and checksum. Listed in {@code META-INF/services}.
 */
public final class RpmTypes implements ContentTypes {
  /** A binary package's type id. */
  public static final String RPM = "rpm";

  /** A source package's type id. */
  public static final String SRPM = "srpm";

  /** The unit key's fields, in Pulp's order. */
  public static final List<String> KEY =
      List.of("name", "epoch", "version", "release", "arch", "checksumtype", "checksum");

  @Override
  public List<ContentTypeDefinition> definitions() {
    return List.of(
        new ContentTypeDefinition(
            RPM,
            "RPM",
            "A binary RPM package, as dnf and yum install it",
            KEY,
            List.of("name", "version", "arch"),
            List.of()), // a repository holds many builds of a package, as yum repositories do
        new ContentTypeDefinition(
            SRPM,
            "SRPM",
            "A source RPM package, from which binary packages are built",
            KEY,
            List.of("name", "version"),
            List.of()));
  }
}
