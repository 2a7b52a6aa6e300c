package dev.depot.plugin;

import java.util.List;
import java.util.Map;

/**
 * Tells which units of a repository a consumer (a client machine) needs, from the profile the
 * consumer uploaded of what it has installed: Pulp's applicability. A profiler reads the profiles
 * of the content types its {@link #metadata()} lists (RPM: the {@code rpm} profile, a list of
 * installed packages) and answers the applicable units of any type (RPM: newer packages, and the
 * errata that carry them; the {@code modulemd} profile, the module streams it has enabled). Listed
 * in {@code META-INF/services/dev.depot.plugin.Profiler}; one profiler per profile type.
 *
 * <p>The platform stores profiles as checked here, and computes applicability when asked to
 * regenerate it, for each repository the consumer is bound to.
 */
public interface Profiler {
  /** The profiler's id and the profile types it reads. */
  PluginMetadata metadata();

  /**
   * Checks a profile a consumer uploads, before it is stored.
   *
   * @param contentType one of {@link #metadata()}'s types
   * @param profile the profile as the client sent it (JSON: lists, maps, strings, numbers)
   * @return the profile to store (checked, perhaps normalised)
   * @throws IllegalArgumentException naming what is wrong, which the client gets in a 400
   */
  Object checkProfile(String contentType, Object profile);

  /**
   * The units of a repository applicable to a consumer with this profile.
   *
   * @param contentType the profile's type
   * @param profile the profile as {@link #checkProfile} returned it
   * @param repository the units of a repository the consumer is bound to
   * @return the applicable units by type id (types without any may be left out)
   */
  Map<String, List<Unit>> applicable(String contentType, Object profile, UnitSource repository);

  /**
   * The units of a repository applicable to a consumer with these profiles: every profile the
   * consumer uploaded of this profiler's types, so that one type can qualify another (RPM: which
   * module streams a machine has enabled decides which modular packages and errata apply to it).
   * The platform calls this, once per bound repository; the default judges each profile alone with
   * {@link #applicable(String, Object, UnitSource)} and merges what they find.
   *
   * @param profiles each profile as {@link #checkProfile} returned it, by its type
   * @param repository the units of a repository the consumer is bound to
   * @return the applicable units by type id (types without any may be left out)
   */
  default Map<String, List<Unit>> applicable(Map<String, Object> profiles, UnitSource repository) {
    Map<String, List<Unit>> merged = new java.util.LinkedHashMap<>();
    profiles.forEach(
        (type, profile) ->
            applicable(type, profile, repository)
                .forEach(
                    (unitType, units) ->
                        merged
                            .computeIfAbsent(unitType, t -> new java.util.ArrayList<>())
                            .addAll(units)));
    return merged;
  }
}
