package dev.depot.server.content;

import dev.depot.plugin.Unit;
import dev.depot.server.db.Json;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/**
 * A unit with its canonical key JSON and that JSON's digest, each computed once per save: the
 * lookup, the insert and the read-back all need them.
 */
record KeyedUnit(Unit unit, String key, String digest) {
  static KeyedUnit of(Unit unit) {
    String key = Json.writeCanonical(unit.unitKey());
    return new KeyedUnit(unit, key, digestOf(key));
  }

  KeyedUnit withId(String id) {
    return new KeyedUnit(unit.withId(id), key, digest);
  }

  /** How a batch keys its stored units: type and digest. */
  String storedKey() {
    return unit.typeId() + "/" + digest;
  }

  /** SHA-256 of the canonical unit-key JSON: the natural key's index column. */
  static String keyDigest(Map<String, Object> unitKey) {
    return digestOf(Json.writeCanonical(unitKey));
  }

  /** {@link #keyDigest} of a unit key already written as canonical JSON. */
  private static String digestOf(String canonicalKey) {
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256")
              .digest(canonicalKey.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK always has SHA-256", e);
    }
  }
}
