package dev.depot.server.content;

import dev.depot.plugin.Unit;
import java.time.Instant;

/**
 * A unit as a search found it: with its association to a repository, or alone ({@code repoId},
 * {@code created} and {@code updated} null) when the search was over all units of a type.
 *
 * @param repoId the repository, or null
 * @param unit the unit
 * @param created when the unit was first associated, or null
 * @param updated when the association was last confirmed, or null
 */
public record UnitAssociation(String repoId, Unit unit, Instant created, Instant updated) {}
