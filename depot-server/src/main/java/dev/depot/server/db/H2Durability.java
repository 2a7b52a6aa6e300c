package dev.depot.server.db;

import java.util.Locale;

/**
 * Makes an embedded H2 database keep every commit the API has answered for. H2 writes committed
 * changes to its file in the background, up to {@code WRITE_DELAY} (500 ms) later; a {@code kill
 * -9} in that window loses tasks, units and publishes that were already reported finished, while
 * their files stay on disk. With a delay of 0, H2 writes each commit to its file before the commit
 * returns, so a crashed process loses nothing it reported; the operating system still holds the
 * bytes (a power cut is PostgreSQL's job, with its own fsync settings).
 */
final class H2Durability {
  private H2Durability() {}

  /** The URL with {@code WRITE_DELAY=0}, unless the operator chose a delay of their own. */
  static String durable(String url) {
    if (url.toUpperCase(Locale.ROOT).contains(";WRITE_DELAY=")) {
      return url;
    }
    return url + ";WRITE_DELAY=0";
  }
}
