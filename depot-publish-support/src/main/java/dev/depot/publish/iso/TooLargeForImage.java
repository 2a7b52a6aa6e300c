package dev.depot.publish.iso;

/**
 * A file larger than any image may be ({@link IsoPlanner#split}): the caller knows which setting
 * sets the limit and names it, as the planner knows only bytes. It carries what an image of the
 * file alone needs, its own directories and descriptors included: a file a little smaller than the
 * limit does not fit either, and the bare sizes alone read as a contradiction.
 */
public final class TooLargeForImage extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final String path;
  private final long size;
  private final long needed;

  /**
   * @param path the file's path in the image
   * @param size the file's size in bytes
   * @param limit the largest image allowed, in bytes
   * @param needed the bytes an image holding this file alone takes
   */
  public TooLargeForImage(String path, long size, long limit, long needed) {
    super(
        path
            + " ("
            + size
            + " bytes) does not fit in an image of at most "
            + limit
            + " bytes: an image of it alone takes "
            + needed
            + " bytes with its directories and descriptors");
    this.path = path;
    this.size = size;
    this.needed = needed;
  }

  /** The file's path in the image. */
  public String path() {
    return path;
  }

  /** The file's size in bytes. */
  public long size() {
    return size;
  }

  /** The bytes an image holding this file alone takes, the image's own structures included. */
  public long needed() {
    return needed;
  }
}
