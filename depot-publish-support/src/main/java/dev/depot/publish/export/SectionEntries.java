package dev.depot.publish.export;

import dev.depot.plugin.Unit;
import dev.depot.publish.export.ExportLayout.ExportFile;
import dev.depot.publish.iso.IsoEntry;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.stream.Stream;

/**
 * The image entries of an export: every section's types in turn, each type's units streamed only
 * while it is read: one database cursor open at a time, never a section's units held in memory (a
 * {@code flatMap}'s iterator would buffer a whole section). Holds the files of one unit at a time.
 */
final class SectionEntries implements Iterator<IsoEntry>, AutoCloseable {
  /** One type of one section: what one cursor streams. */
  private record Part(ExportSection section, ExportLayout layout) {}

  private final ExportJob job;
  private final Iterator<Part> remaining;
  private final Deque<IsoEntry> pending = new ArrayDeque<>();
  private Part part;
  private Stream<Unit> open;
  private Iterator<Unit> units = Collections.emptyIterator();

  SectionEntries(ExportJob job) {
    this.job = job;
    List<Part> parts = new ArrayList<>();
    for (ExportSection section : job.sections) {
      for (ExportLayout layout : section.layouts()) {
        parts.add(new Part(section, layout));
      }
    }
    this.remaining = parts.iterator();
  }

  @Override
  public boolean hasNext() {
    while (pending.isEmpty()) {
      while (!units.hasNext()) {
        close();
        if (!remaining.hasNext()) {
          return false;
        }
        part = remaining.next();
        open = job.units(part.section(), part.layout());
        units = open.iterator();
      }
      for (ExportFile file : part.layout().files(units.next())) {
        pending.add(new IsoEntry(part.section().path(file.path()), file.size(), file.source()));
      }
    }
    return true;
  }

  @Override
  public IsoEntry next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    return pending.removeFirst();
  }

  @Override
  public void close() {
    if (open != null) {
      open.close();
      open = null;
    }
  }
}
