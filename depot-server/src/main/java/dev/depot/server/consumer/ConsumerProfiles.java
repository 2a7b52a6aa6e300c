package dev.depot.server.consumer;

import dev.depot.plugin.Profiler;
import dev.depot.server.db.Json;
import dev.depot.server.db.Timestamps;
import dev.depot.server.error.InvalidValue;
import dev.depot.server.error.MissingResource;
import dev.depot.server.plugin.PluginRegistry;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Consumers' unit profiles (what each has installed, per content type, as it uploaded it) and the
 * applicability last regenerated from them. A profile is checked by the profiler of its type before
 * it is stored: a type no profiler reads is refused, as is a profile its profiler refuses.
 */
public final class ConsumerProfiles {
  private final Jdbi jdbi;
  private final PluginRegistry plugins;

  /** Binds the store to the database and the plugins' profilers. */
  public ConsumerProfiles(Jdbi jdbi, PluginRegistry plugins) {
    this.jdbi = jdbi;
    this.plugins = plugins;
  }

  /**
   * A stored profile.
   *
   * @param consumerId the consumer's id
   * @param contentType the profile's type
   * @param profile the profile as checked
   * @param profileHash the SHA-256 of the profile's canonical JSON
   */
  public record Profile(String consumerId, String contentType, Object profile, String profileHash) {
    /** Pulp's JSON of a unit profile. */
    public Map<String, Object> json() {
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("consumer_id", consumerId);
      json.put("content_type", contentType);
      json.put("profile", profile);
      json.put("profile_hash", profileHash);
      json.put("_ns", "consumer_unit_profiles");
      return json;
    }
  }

  /**
   * Stores (or replaces) a consumer's profile of a type.
   *
   * @throws MissingResource when the consumer does not exist
   * @throws InvalidValue when no profiler reads the type, or the profiler refuses the profile
   */
  public Profile upload(String consumerId, String contentType, Object profile) {
    Profiler profiler =
        plugins
            .profilerOf(contentType)
            .orElseThrow(
                () ->
                    InvalidValue.of(
                        "No profiler reads profiles of content type " + contentType,
                        "content_type"));
    Object checked;
    try {
      checked = profiler.checkProfile(contentType, profile);
    } catch (IllegalArgumentException e) {
      throw InvalidValue.of("Invalid profile: " + e.getMessage(), "profile");
    }
    String text = Json.write(checked);
    String hash = sha256(text);
    jdbi.useTransaction(
        h -> {
          Consumers.require(h, consumerId);
          String held =
              h.createQuery(
                      "SELECT profile_hash FROM consumer_profiles"
                          + " WHERE consumer_id = :c AND content_type = :t")
                  .bind("c", consumerId)
                  .bind("t", contentType)
                  .mapTo(String.class)
                  .findOne()
                  .orElse(null);
          if (!hash.equals(held)) {
            forgetApplicability(h, consumerId);
          }
          h.createUpdate(
                  "DELETE FROM consumer_profiles WHERE consumer_id = :c AND content_type = :t")
              .bind("c", consumerId)
              .bind("t", contentType)
              .execute();
          h.createUpdate(
                  "INSERT INTO consumer_profiles (consumer_id, content_type, profile,"
                      + " profile_hash, updated) VALUES (:c, :t, :p, :h, :now)")
              .bind("c", consumerId)
              .bind("t", contentType)
              .bind("p", text)
              .bind("h", hash)
              .bind("now", Timestamps.arg(Timestamps.now()))
              .execute();
        });
    return new Profile(consumerId, contentType, checked, hash);
  }

  /** A consumer's profiles; 404 when the consumer does not exist. */
  public List<Profile> list(String consumerId) {
    return jdbi.withHandle(
        h -> {
          Consumers.require(h, consumerId);
          return h.createQuery(
                  "SELECT * FROM consumer_profiles WHERE consumer_id = :c ORDER BY content_type")
              .bind("c", consumerId)
              .map(
                  (rs, ctx) ->
                      new Profile(
                          rs.getString("consumer_id"),
                          rs.getString("content_type"),
                          Json.readValue(rs.getString("profile")),
                          rs.getString("profile_hash")))
              .list();
        });
  }

  /** One profile; 404 when the consumer or the profile does not exist. */
  public Profile get(String consumerId, String contentType) {
    return list(consumerId).stream()
        .filter(p -> p.contentType().equals(contentType))
        .findFirst()
        .orElseThrow(() -> MissingResource.of("consumer", consumerId, "content_type", contentType));
  }

  /** Deletes a profile; 404 when there is none. */
  public void delete(String consumerId, String contentType) {
    get(consumerId, contentType);
    jdbi.useTransaction(
        h -> {
          forgetApplicability(h, consumerId);
          h.createUpdate(
                  "DELETE FROM consumer_profiles WHERE consumer_id = :c AND content_type = :t")
              .bind("c", consumerId)
              .bind("t", contentType)
              .execute();
        });
  }

  /**
   * Drops what was regenerated from a consumer's profiles when one of them changes: as in Pulp,
   * where applicability belonged to a profile's hash, a changed profile has none until regenerated,
   * rather than the old one's (a package installed since still listed as applicable).
   */
  private static void forgetApplicability(Handle h, String consumerId) {
    for (String table : List.of("consumer_applicability", "consumer_applicability_regenerated")) {
      h.createUpdate("DELETE FROM " + table + " WHERE consumer_id = :c")
          .bind("c", consumerId)
          .execute();
    }
  }

  /** Replaces a consumer's applicability with {@code unitIds} by type, regenerated now. */
  void saveApplicability(String consumerId, Map<String, List<String>> unitIds) {
    jdbi.useTransaction(
        h -> {
          forgetApplicability(h, consumerId);
          // Recorded even when nothing applies: that is an answer, unlike never having computed.
          h.createUpdate(
                  "INSERT INTO consumer_applicability_regenerated (consumer_id, regenerated)"
                      + " VALUES (:c, :now)")
              .bind("c", consumerId)
              .bind("now", Timestamps.arg(Timestamps.now()))
              .execute();
          for (Map.Entry<String, List<String>> e : unitIds.entrySet()) {
            h.createUpdate(
                    "INSERT INTO consumer_applicability (consumer_id, type_id, unit_ids)"
                        + " VALUES (:c, :t, :ids)")
                .bind("c", consumerId)
                .bind("t", e.getKey())
                .bind("ids", Json.write(e.getValue()))
                .execute();
          }
        });
  }

  /** A consumer's applicability as last regenerated: unit ids by type (sorted). */
  public Map<String, List<String>> applicability(String consumerId) {
    Map<String, List<String>> byType = new java.util.TreeMap<>();
    jdbi.useHandle(
        h ->
            h.createQuery(
                    "SELECT type_id, unit_ids FROM consumer_applicability WHERE consumer_id = :c")
                .bind("c", consumerId)
                .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getString(2)))
                .forEach(
                    e -> {
                      List<String> ids = new ArrayList<>();
                      Json.readList(e.getValue()).forEach(id -> ids.add(String.valueOf(id)));
                      byType.put(e.getKey(), ids);
                    }));
    return byType;
  }

  /**
   * When a consumer's applicability was last regenerated; empty if it never was since its profiles
   * last changed (an upload drops what was computed), so an empty {@link #applicability} is no
   * answer yet.
   */
  public Optional<Instant> applicabilityRegenerated(String consumerId) {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "SELECT regenerated FROM consumer_applicability_regenerated"
                        + " WHERE consumer_id = :c")
                .bind("c", consumerId)
                .map((rs, ctx) -> Timestamps.read(rs, "regenerated"))
                .findOne());
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
