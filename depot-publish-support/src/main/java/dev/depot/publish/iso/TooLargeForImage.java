package dev.depot.publish.iso;

/**
 * A file larger than any image may be ({@link IsoPlanner#split}): the caller knows which setting
 * sets the limit and names it, as the planner knows only bytes.
 */
public final class TooLargeForImage extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /**
   * @param message names the file, its size and the limit in bytes
   */
  public TooLargeForImage(String message) {
    super(message);
  }
}
