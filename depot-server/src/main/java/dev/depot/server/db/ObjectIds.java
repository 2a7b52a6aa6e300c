package dev.depot.server.db;

import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Pulp exposes Mongo ObjectIds as {@code _id: {"$oid": "<24 hex>"}}; Depot keeps a random 24-hex id
 * per document so clients written for Pulp find one.
 */
public final class ObjectIds {
  private static final SecureRandom RANDOM = new SecureRandom();

  private ObjectIds() {}

  /** A new random 24-hex id. */
  public static String next() {
    byte[] bytes = new byte[12];
    RANDOM.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }
}
