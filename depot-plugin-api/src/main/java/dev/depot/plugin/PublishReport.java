package dev.depot.plugin;

import java.util.List;

/**
 * What a publish ended with: {@link Published}, {@link Failed} or {@link Canceled}. The platform
 * switches over the three: a published report records its locations and ends the task {@code
 * finished}, a failed one fails the task, a canceled one ends it {@code canceled}.
 *
 * <p>Build one with the factories, e.g. {@code PublishReport.success(summary,
 * details).publishedAt(locations)}; read one with a pattern-matching {@code switch}:
 *
 * <pre>{@code
 * switch (report) {
 *   case PublishReport.Published p -> record(p.locations());
 *   case PublishReport.Failed f -> fail(f.summary());
 *   case PublishReport.Canceled c -> cancel();
 * }
 * }</pre>
 *
 * <p>Every outcome carries a {@link #summary()} and {@link #details()}: JSON-able values (map,
 * list, string, number, or null) that the platform stores with the task and the publish history.
 */
public sealed interface PublishReport
    permits PublishReport.Published, PublishReport.Failed, PublishReport.Canceled {

  /**
   * A short JSON-able value shown with the task and the history entry.
   *
   * @return the summary; may be null
   */
  Object summary();

  /**
   * A longer JSON-able value shown with the task and the history entry.
   *
   * @return the details; may be null
   */
  Object details();

  /**
   * The repository was published.
   *
   * @param summary a short JSON-able value
   * @param details a longer JSON-able value
   * @param locations where the publish can be reached; the platform stores them in place of the
   *     previous publish's (see {@link PublishedLocation}). Never null: a null becomes empty.
   */
  record Published(Object summary, Object details, List<PublishedLocation> locations)
      implements PublishReport {

    /** Copies the locations. */
    public Published {
      locations = locations == null ? List.of() : List.copyOf(locations);
    }

    /**
     * The same report, naming where the publish can be reached, e.g. {@code
     * PublishReport.success(summary, details).publishedAt(List.of(new PublishedLocation("https",
     * "/pulp/isos/zoo/", tree)))}.
     *
     * @param where the locations, replacing any this report named
     * @return a new report
     */
    public Published publishedAt(List<PublishedLocation> where) {
      return new Published(summary, details, where);
    }
  }

  /**
   * The publish failed; the previous publish stays served. The platform fails the task with an
   * error that carries the summary, so make the summary say why.
   *
   * @param summary a short JSON-able value, best a sentence saying why
   * @param details a longer JSON-able value
   */
  record Failed(Object summary, Object details) implements PublishReport {}

  /**
   * The publish stopped because {@link Distributor#cancelPublishRepo()} (or {@link
   * GroupDistributor#cancelPublishGroup()}) was called; the previous publish stays served.
   *
   * @param summary a short JSON-able value
   * @param details a longer JSON-able value
   */
  record Canceled(Object summary, Object details) implements PublishReport {}

  /**
   * A successful publish that names no location yet; add them with {@link
   * Published#publishedAt(List)}.
   *
   * @param summary a short JSON-able value
   * @param details a longer JSON-able value
   * @return a {@link Published} report
   */
  static Published success(Object summary, Object details) {
    return new Published(summary, details, List.of());
  }

  /**
   * A failed publish.
   *
   * @param summary a short JSON-able value that should say why
   * @param details a longer JSON-able value
   * @return a {@link Failed} report
   */
  static Failed failure(Object summary, Object details) {
    return new Failed(summary, details);
  }

  /**
   * A publish stopped by {@link Distributor#cancelPublishRepo()}.
   *
   * @param summary a short JSON-able value
   * @param details a longer JSON-able value
   * @return a {@link Canceled} report
   */
  static Canceled canceled(Object summary, Object details) {
    return new Canceled(summary, details);
  }
}
