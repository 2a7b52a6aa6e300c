package dev.depot.server.content;

import dev.depot.plugin.Unit;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.jdbi.v3.core.Jdbi;

/**
 * Reads of units for the REST API, each opening its own handle: endpoints take this, never a {@link
 * Jdbi}, so no SQL handle is opened above the stores.
 */
public final class UnitReads {
  private final Jdbi jdbi;
  private final UnitStore units;

  /** Reads through {@code units} on handles of {@code jdbi}. */
  public UnitReads(Jdbi jdbi, UnitStore units) {
    this.jdbi = jdbi;
    this.units = units;
  }

  /**
   * A repository's associations matching the query ({@link UnitStore#associations}). The stream
   * holds a cursor on its own handle: close it.
   *
   * @throws IllegalArgumentException for a query the store cannot run
   */
  public Stream<UnitAssociation> inRepository(String repoId, UnitQuery query) {
    return Cursors.open(jdbi, h -> units.associations(h, repoId, query));
  }

  /**
   * The units of one type matching the query ({@link UnitStore#ofType}). The stream holds a cursor
   * on its own handle: close it.
   *
   * @throws IllegalArgumentException for a query the store cannot run
   */
  public Stream<UnitAssociation> ofType(String typeId, UnitQuery query) {
    return Cursors.open(jdbi, h -> units.ofType(h, typeId, query));
  }

  /** Ids of the repositories holding the unit, sorted. */
  public List<String> repositoriesOf(String unitId) {
    return jdbi.withHandle(h -> units.repositoriesOf(h, unitId));
  }

  /** The units' user metadata, read and set over REST. */
  public UnitUserMetadata userMetadata() {
    return new UnitUserMetadata(jdbi);
  }

  /** The unit with that id and type, if stored. */
  public Optional<Unit> findById(String typeId, String unitId) {
    return jdbi.withHandle(h -> units.findById(h, typeId, unitId));
  }
}
