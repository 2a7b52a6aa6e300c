package dev.depot.plugin;

import java.util.List;

/**
 * Units whose files are no longer at their storage paths when the platform came to save them, so
 * none of the units given were saved. It happens when an orphan cleanup removed a stored unit
 * between the plugin finding its file in place and saving it: the platform checks every file while
 * it holds off orphan removal, so a repository never gains a unit without its file.
 *
 * <p>A plugin saves the other units again and fetches these afresh, or reports them as failed.
 */
public final class MissingUnitFilesException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  private final transient List<Unit> units;

  /**
   * @param units the units whose files are missing, as the plugin gave them (at least one)
   */
  public MissingUnitFilesException(List<Unit> units) {
    super(message(units));
    this.units = List.copyOf(units);
  }

  /** The units whose files are missing, as the plugin gave them. */
  public List<Unit> units() {
    return units;
  }

  private static String message(List<Unit> units) {
    if (units.isEmpty()) {
      throw new IllegalArgumentException("no missing units named");
    }
    Unit first = units.get(0);
    return units.size()
        + " unit file(s) removed from the content store while being saved, first "
        + first.typeId()
        + " "
        + first.unitKey()
        + " at "
        + first.storagePath();
  }
}
