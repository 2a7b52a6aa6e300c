package dev.depot.publish.rsync;

import dev.depot.plugin.ConfiguredDistributor;
import java.util.Objects;
import java.util.Optional;

/**
 * Whether an rsync distributor's {@code predistributor_id} names a tree it can push: a distributor
 * of the same repository of the layout's web distributor type. Asked when the config is added or
 * updated, so a bad id is refused at once, and again at every push, since the predistributor can be
 * removed (or replaced by one of another type under the same id) after the check.
 */
final class Predistributor {
  private Predistributor() {}

  /**
   * What is wrong with the distributor found for {@code predistributorId}, or empty if it fits.
   *
   * @param ownId the rsync distributor's own id, when known (a sibling lookup never finds it)
   * @param found the sibling of that id, if the repository has one
   * @param wantedTypeId the web distributor type the layout pushes the tree of
   */
  static Optional<String> problem(
      String predistributorId,
      Optional<String> ownId,
      Optional<ConfiguredDistributor> found,
      String repoId,
      String wantedTypeId) {
    String expected =
        "predistributor_id "
            + predistributorId
            + " is not "
            + withArticle(wantedTypeId)
            + " of repository "
            + repoId;
    if (found.isEmpty() && ownId.filter(predistributorId::equals).isPresent()) {
      return Optional.of(
          expected
              + ": "
              + predistributorId
              + " is this rsync distributor itself; name the "
              + wantedTypeId
              + " whose published tree it pushes");
    }
    if (found.isEmpty()) {
      return Optional.of(expected + ": the repository has no distributor " + predistributorId);
    }
    ConfiguredDistributor sibling = found.get();
    if (sibling.typeId() == null) {
      // A test double that does not say the type: an rsync distributor is told by its "remote".
      return sibling.config().containsKey("remote") ? Optional.of(expected) : Optional.empty();
    }
    if (!Objects.equals(sibling.typeId(), wantedTypeId)) {
      return Optional.of(
          expected + ": " + predistributorId + " is " + withArticle(sibling.typeId()));
    }
    return Optional.empty();
  }

  /** "an iso_distributor", "a yum_distributor": messages read as English for every type. */
  private static String withArticle(String typeId) {
    return ("aeiou".indexOf(Character.toLowerCase(typeId.charAt(0))) >= 0 ? "an " : "a ") + typeId;
  }
}
