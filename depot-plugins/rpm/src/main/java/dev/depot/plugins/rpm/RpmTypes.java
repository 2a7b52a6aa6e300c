package dev.depot.plugins.rpm;

import dev.depot.plugin.ContentTypeDefinition;
import dev.depot.plugin.ContentTypes;
import java.util.List;

/**
 * Declares the {@code rpm} and {@code srpm} types, keyed as in Pulp: name, epoch, version, release,
 * arch, checksum type and checksum; and the metadata-only types a yum repository carries beside its
 * packages, keyed as in Pulp: {@code erratum} (by id) and the comps types {@code package_group},
 * {@code package_category} and {@code package_environment} (by id and repository id), {@code
 * package_langpacks} (by repository id); {@code yum_repo_metadata_file} by kind and digest ({@link
 * RepoMetadataFiles} says why). Listed in {@code META-INF/services}.
 */
public final class RpmTypes implements ContentTypes {
  /** A binary package's type id. */
  public static final String RPM = "rpm";

  /** A source package's type id. */
  public static final String SRPM = "srpm";

  /** An advisory's type id. */
  public static final String ERRATUM = "erratum";

  /** A comps group's type id. */
  public static final String GROUP = "package_group";

  /** A comps category's type id. */
  public static final String CATEGORY = "package_category";

  /** A comps environment's type id. */
  public static final String ENVIRONMENT = "package_environment";

  /**
   * A repository's comps langpacks: which language package to install beside a package (Pulp's
   * {@code package_langpacks}, one per repository).
   */
  public static final String LANGPACKS = "package_langpacks";

  /** A module stream build's type id (modulemd). */
  public static final String MODULEMD = "modulemd";

  /** A module's default stream and profiles' type id. */
  public static final String MODULEMD_DEFAULTS = "modulemd_defaults";

  /** A kickstart tree: its treeinfo and the images installers boot from. */
  public static final String DISTRIBUTION = "distribution";

  /** Metadata a feed lists that Depot carries as it is (product id, ...), one file per kind. */
  public static final String REPO_METADATA_FILE = "yum_repo_metadata_file";

  /** The comps types, in the order comps.xml lists them. */
  public static final List<String> COMPS = List.of(GROUP, CATEGORY, ENVIRONMENT, LANGPACKS);

  /** Every type a yum repository holds. */
  public static final List<String> ALL =
      List.of(
          RPM,
          SRPM,
          ERRATUM,
          GROUP,
          CATEGORY,
          ENVIRONMENT,
          LANGPACKS,
          MODULEMD,
          MODULEMD_DEFAULTS,
          REPO_METADATA_FILE,
          DISTRIBUTION);

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
            // signing_key: absent from unsigned packages, searched on to find the signed ones
            List.of("name", "version", "arch", "signing_key"),
            List.of()), // a repository holds many builds of a package, as yum repositories do
        new ContentTypeDefinition(
            SRPM,
            "SRPM",
            "A source RPM package, from which binary packages are built",
            KEY,
            List.of("name", "version", "signing_key"),
            List.of()),
        new ContentTypeDefinition(
            ERRATUM,
            "Erratum",
            "An advisory (security, bug fix or enhancement) and the packages that carry it",
            List.of("id"),
            List.of("type", "severity", "issued"),
            List.of()),
        comps(GROUP, "Package Group", "A comps group: packages installed together"),
        comps(CATEGORY, "Package Category", "A comps category: groups shown together"),
        comps(ENVIRONMENT, "Package Environment", "A comps environment: groups making a system"),
        langpacks(),
        new ContentTypeDefinition(
            MODULEMD,
            "Modulemd",
            "A module stream build: a set of packages dnf enables together",
            List.of("name", "stream", "version", "context", "arch"),
            List.of("name", "stream"),
            List.of()),
        new ContentTypeDefinition(
            MODULEMD_DEFAULTS,
            "Modulemd Defaults",
            "A module's default stream and profiles",
            List.of("module", "repo_id"),
            List.of("module"),
            List.of()),
        new ContentTypeDefinition(
            DISTRIBUTION,
            "Distribution",
            "A kickstart tree: the images and treeinfo an installer boots from",
            List.of("distribution_id", "family", "variant", "version", "arch"),
            List.of("family", "version", "arch"),
            List.of()),
        new ContentTypeDefinition(
            REPO_METADATA_FILE,
            "YUM Repository Metadata File",
            "A metadata file carried as the feed had it (a product id, ...), one per kind",
            List.of("data_type", "checksum"),
            List.of("data_type"),
            List.of()));
  }

  private static ContentTypeDefinition langpacks() {
    return new ContentTypeDefinition(
        LANGPACKS,
        "Package Langpacks",
        "A repository's comps langpacks: the language packages to install beside packages",
        List.of("repo_id"),
        List.of(),
        List.of());
  }

  private static ContentTypeDefinition comps(String id, String name, String description) {
    return new ContentTypeDefinition(
        id, name, description, List.of("id", "repo_id"), List.of("name"), List.of());
  }
}
