package dev.depot.publish.iso;

import java.nio.file.Path;
import java.util.List;
import java.util.TreeMap;

/**
 * One file or directory of an image with the places the layout gives it. Kept small on purpose:
 * these are the only per-entry objects the writer holds, so they bound its memory.
 */
final class IsoNode {
  final String name;
  final IsoNode parent;
  final Path source;
  final long size;

  /** Children by real name (a stable, deterministic order to derive names from); null for files. */
  final TreeMap<String, IsoNode> children;

  /** Children in primary (ECMA-119 9.3) and Joliet directory order; set by the layout. */
  List<IsoNode> primaryOrder;

  List<IsoNode> jolietOrder;

  /** File identifier in the primary tree, e.g. {@code README.TXT;1} or {@code SUBDIR}. */
  String primaryId;

  /** Joliet identifier: the real name, shortened to 64 UTF-16 units when needed. */
  String jolietId;

  /** Directory number in the primary and Joliet path tables (1 is the root). */
  int primaryNumber;

  int jolietNumber;

  /** Files: the data extent. Directories: the primary directory extent. */
  long extent;

  /** Directories: bytes of the primary directory (whole sectors). */
  int primaryBytes;

  long jolietExtent;

  int jolietBytes;

  /** Rock Ridge continuation area of the record that names this node (root: its "." record). */
  byte[] continuation;

  long ceSector;

  private int subdirectories = -1;

  int ceOffset;

  IsoNode(String name, IsoNode parent, Path source, long size) {
    this.name = name;
    this.parent = parent;
    this.source = source;
    this.size = size;
    this.children = source == null ? new TreeMap<>() : null;
  }

  boolean isDirectory() {
    return children != null;
  }

  String path() {
    return parent == null ? "/" : parent.parent == null ? name : parent.path() + "/" + name;
  }

  /** Counted once: every child directory's ".." record asks its parent again. */
  int subdirectories() {
    if (subdirectories < 0) {
      subdirectories = 0;
      for (IsoNode child : children.values()) {
        subdirectories += child.isDirectory() ? 1 : 0;
      }
    }
    return subdirectories;
  }
}
