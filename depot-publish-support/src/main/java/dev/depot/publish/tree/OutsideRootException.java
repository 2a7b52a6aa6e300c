package dev.depot.publish.tree;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A path from outside (a feed's file, an archive entry, a directory to write into) that leads out
 * of the directory it must stay in, through a symbolic link or otherwise. Its message names the
 * entry as given and the root, never the target the link points at.
 */
public final class OutsideRootException extends IOException {
  private static final long serialVersionUID = 1L;

  private final String entry;

  /**
   * @param entry the path as it came from outside
   * @param root the directory it must stay in
   */
  public OutsideRootException(String entry, Path root) {
    super(entry + " leads out of " + root + " (through a symbolic link); refused");
    this.entry = entry;
  }

  /** The path as it came from outside. */
  public String entry() {
    return entry;
  }
}
