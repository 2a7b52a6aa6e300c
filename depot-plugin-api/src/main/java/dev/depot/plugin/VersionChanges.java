package dev.depot.plugin;

import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * What changed between two versions of a repository: the units that entered and those that left,
 * each streamed in unit id order (the order {@code UnitCriteria} sorts {@code _id} in). A
 * distributor that recorded what it published at version {@link #from()} updates that to {@link
 * #to()} from these alone, without reading the units that stayed: a publish then costs what
 * changed, not the repository's size.
 *
 * <p>A unit whose content changed is not a thing: units are immutable, so a change is a unit that
 * left and another that entered. Each stream holds a database cursor and must be closed (use
 * try-with-resources); open one at a time.
 */
public interface VersionChanges {
  /** The version the changes start from (a distributor's last published one). */
  long from();

  /** The version the changes lead to (the one being published). */
  long to();

  /** Units {@link #to()} holds and {@link #from()} does not, in unit id order. */
  Stream<Unit> added();

  /** Units {@link #from()} holds and {@link #to()} does not, in unit id order. */
  Stream<Unit> removed();

  /**
   * Changes whose streams the suppliers open, each time they are asked for: what conduits (and test
   * doubles) return.
   */
  static VersionChanges of(
      long from, long to, Supplier<Stream<Unit>> added, Supplier<Stream<Unit>> removed) {
    return new VersionChanges() {
      @Override
      public long from() {
        return from;
      }

      @Override
      public long to() {
        return to;
      }

      @Override
      public Stream<Unit> added() {
        return added.get();
      }

      @Override
      public Stream<Unit> removed() {
        return removed.get();
      }
    };
  }
}
