package dev.depot.plugins.file;

import dev.depot.plugin.Unit;
import java.util.Iterator;
import java.util.NoSuchElementException;

/** Units one at a time, with a look at the next one before taking it. */
final class PeekingIterator implements Iterator<Unit> {
  private final Iterator<Unit> units;
  private Unit next;

  PeekingIterator(Iterator<Unit> units) {
    this.units = units;
  }

  /** The next unit without taking it; null at the end. */
  Unit peek() {
    if (next == null && units.hasNext()) {
      next = units.next();
    }
    return next;
  }

  @Override
  public boolean hasNext() {
    return peek() != null;
  }

  @Override
  public Unit next() {
    Unit unit = peek();
    if (unit == null) {
      throw new NoSuchElementException();
    }
    next = null;
    return unit;
  }
}
