package dev.depot.plugin;

/**
 * What importing one uploaded file ended with.
 *
 * @param success whether the unit was stored and associated
 * @param summary a short JSON-able value
 * @param details a longer JSON-able value
 */
public record UploadReport(boolean success, Object summary, Object details) {

  /** The upload became a unit of the repository. */
  public static UploadReport success(Object summary, Object details) {
    return new UploadReport(true, summary, details);
  }

  /** The upload was refused; the summary says why. */
  public static UploadReport failure(Object summary, Object details) {
    return new UploadReport(false, summary, details);
  }
}
