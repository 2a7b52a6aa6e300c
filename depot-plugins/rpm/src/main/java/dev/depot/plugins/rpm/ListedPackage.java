package dev.depot.plugins.rpm;

import dev.depot.plugin.Unit;
import java.nio.charset.StandardCharsets;

/** A package being listed: one that stayed (with where it was) or one added (with its text). */
final class ListedPackage {
  final String id;
  final int type;
  final long nevra; // its NEVRA's hash (PackageNevras), for the errata
  final int[] lengths;
  final byte[][] texts;
  final long position; // in the previous listing; -1 for a package added
  final boolean wasFirst;
  final boolean wasLast;
  final long segment; // the previous segment it starts, when wasFirst
  final long[] offsets; // of its text in the previous texts

  ListedPackage(
      String id,
      int type,
      long nevra,
      int[] lengths,
      byte[][] texts,
      long position,
      boolean wasFirst,
      boolean wasLast,
      long segment,
      long[] offsets) {
    this.id = id;
    this.type = type;
    this.nevra = nevra;
    this.lengths = lengths;
    this.texts = texts;
    this.position = position;
    this.wasFirst = wasFirst;
    this.wasLast = wasLast;
    this.segment = segment;
    this.offsets = offsets;
  }

  static ListedPackage of(Unit unit, int type, String location) {
    String[] elements = Repodata.packageElements(unit, location);
    byte[][] texts = new byte[elements.length][];
    int[] lengths = new int[elements.length];
    for (int f = 0; f < elements.length; f++) {
      texts[f] = elements[f].getBytes(StandardCharsets.UTF_8);
      lengths[f] = texts[f].length;
    }
    return new ListedPackage(
        unit.id(),
        type,
        PackageNevras.hash(unit.unitKey()),
        lengths,
        texts,
        -1,
        false,
        false,
        -1,
        null);
  }
}
