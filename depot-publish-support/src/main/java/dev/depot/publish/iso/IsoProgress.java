package dev.depot.publish.iso;

/** Told how far an image has been written; called from the writing thread, so keep it cheap. */
@FunctionalInterface
public interface IsoProgress {
  /** Does nothing. */
  IsoProgress NONE = (written, total) -> {};

  /**
   * Reports progress.
   *
   * @param written bytes of the image written so far
   * @param total bytes the whole image will have
   */
  void update(long written, long total);
}
