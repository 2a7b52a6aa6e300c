package dev.depot.plugin;

/**
 * What importing one uploaded file ended with: {@link Imported} or {@link Refused}. The platform
 * switches over the two: an imported report finishes the task, a refused one fails it with the
 * summary as the reason.
 *
 * <p>Both carry a {@link #summary()} and {@link #details()}: JSON-able values (map, list, string,
 * number, or null) that the platform returns as the task's result.
 */
public sealed interface UploadReport permits UploadReport.Imported, UploadReport.Refused {

  /**
   * A short JSON-able value returned with the task.
   *
   * @return the summary; may be null
   */
  Object summary();

  /**
   * A longer JSON-able value returned with the task.
   *
   * @return the details; may be null
   */
  Object details();

  /**
   * The upload became a unit of the repository.
   *
   * @param summary a short JSON-able value, e.g. the unit key
   * @param details a longer JSON-able value
   */
  record Imported(Object summary, Object details) implements UploadReport {}

  /**
   * The upload was refused and nothing was stored; the summary says why.
   *
   * @param summary a short JSON-able value, best a sentence saying why
   * @param details a longer JSON-able value
   */
  record Refused(Object summary, Object details) implements UploadReport {}

  /**
   * The upload became a unit of the repository.
   *
   * @param summary a short JSON-able value
   * @param details a longer JSON-able value
   * @return an {@link Imported} report
   */
  static Imported success(Object summary, Object details) {
    return new Imported(summary, details);
  }

  /**
   * The upload was refused; the summary says why.
   *
   * @param summary a short JSON-able value that should say why
   * @param details a longer JSON-able value
   * @return a {@link Refused} report
   */
  static Refused failure(Object summary, Object details) {
    return new Refused(summary, details);
  }
}
