package dev.depot.server.db;

/** The two databases Depot runs on; SQL that differs between them asks this. */
public enum Dialect {
  /** Embedded H2, the default. */
  H2,
  /** PostgreSQL, for production and scale-out. */
  POSTGRESQL;

  /** The dialect of a JDBC URL; anything else is refused with the accepted forms. */
  public static Dialect of(String url) {
    if (url.startsWith("jdbc:h2:")) {
      return H2;
    }
    if (url.startsWith("jdbc:postgresql:")) {
      return POSTGRESQL;
    }
    throw new IllegalArgumentException(
        "database-url must start with jdbc:h2: or jdbc:postgresql:, not "
            + url.replaceAll("(?i)(password=)[^&;]*", "$1*****"));
  }
}
