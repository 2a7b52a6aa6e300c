package dev.depot.plugin;

/**
 * The importer's door into the platform during {@link Importer#uploadUnit}.
 *
 * <p>Scoped to one call. Implemented by the platform and by test doubles, never by plugins; new
 * methods arrive as default methods.
 */
public interface UploadConduit extends UnitSource, UnitSink {
  /**
   * Unassociates a unit from the repository the upload goes to; idempotent. For an upload that
   * supersedes what the repository holds (a package rebuilt under the same name and version, which
   * a repository lists once): save the new unit first, then remove the old, in the same call. The
   * unit and its file stay in the content store (an orphan clean-up removes them once no repository
   * holds them).
   *
   * @throws UnsupportedOperationException from a conduit that cannot remove (an older test double)
   */
  default void removeUnit(Unit unit) {
    throw new UnsupportedOperationException("this upload conduit cannot remove units");
  }
}
