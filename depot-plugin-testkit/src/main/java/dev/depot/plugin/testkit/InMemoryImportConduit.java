package dev.depot.plugin.testkit;

import dev.depot.plugin.ImportConduit;
import dev.depot.plugin.Unit;
import dev.depot.plugin.UnitCriteria;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BinaryOperator;
import java.util.stream.Stream;

/**
 * An {@link ImportConduit} between two {@link InMemoryContent}s: what {@code Importer.importUnits}
 * gets in a plugin's own tests of copying. Get one from {@link
 * InMemoryContent#importConduit(InMemoryContent)} on the destination. Units are shared, as in the
 * platform: an associated unit keeps its file where the source stored it.
 */
public final class InMemoryImportConduit extends InMemoryConduit implements ImportConduit {
  private final InMemoryContent source;
  private final List<String> warnings = new ArrayList<>();

  InMemoryImportConduit(InMemoryContent destination, InMemoryContent source) {
    super(destination, "importer");
    this.source = source;
  }

  /** Associates the source's unit with the destination repository; idempotent. */
  @Override
  public void associateUnit(Unit unit) {
    content().save(unit);
  }

  /** Takes the unit out of the destination, as the platform unassociates it. */
  @Override
  public void removeUnit(Unit unit) {
    content().remove(unit);
  }

  /** Merges as the platform does, into the unit the destination holds. */
  @Override
  public Unit mergeUnit(Unit unit, BinaryOperator<Map<String, Object>> merge) {
    return content().merge(unit, merge);
  }

  /** The source repository's units matching the criteria; counted until closed. */
  @Override
  public Stream<Unit> sourceUnits(UnitCriteria criteria) {
    return source.query(new UnitQuery(criteria));
  }

  /** Keeps the warning, for the test to read with {@link #warnings()}. */
  @Override
  public synchronized void warn(String message) {
    warnings.add(message);
  }

  /** The warnings the importer gave, in order. */
  public synchronized List<String> warnings() {
    return List.copyOf(warnings);
  }
}
