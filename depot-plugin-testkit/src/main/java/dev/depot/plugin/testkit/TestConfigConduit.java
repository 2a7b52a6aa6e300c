package dev.depot.plugin.testkit;

import dev.depot.plugin.ConfigConduit;
import dev.depot.plugin.ConfiguredDistributor;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A {@link ConfigConduit} listing a fixed set of other repositories' distributors, as the platform
 * would from its database. It also counts the streams it hands out that were never closed, since
 * the platform's stream holds a database cursor. The validated repository's distributors of other
 * types, which {@link #sibling} finds by id, are given with {@link #withRepositoryDistributors}.
 *
 * <pre>{@code
 * TestConfigConduit taken = TestConfigConduit.of(
 *     new ConfiguredDistributor("el9", "web", Map.of("relative_url", "el9/x86_64")));
 * }</pre>
 */
public final class TestConfigConduit implements ConfigConduit {
  private final List<ConfiguredDistributor> others;
  private final List<ConfiguredDistributor> siblings;
  private final List<ConfiguredDistributor> anyType;
  private final Optional<String> distributorId;
  private final AtomicInteger open = new AtomicInteger();

  private TestConfigConduit(
      List<ConfiguredDistributor> others,
      List<ConfiguredDistributor> siblings,
      List<ConfiguredDistributor> anyType,
      Optional<String> distributorId) {
    this.others = List.copyOf(others);
    this.siblings = List.copyOf(siblings);
    this.anyType = List.copyOf(anyType);
    this.distributorId = distributorId;
  }

  /** A server where no other repository has a distributor of this type. */
  public static TestConfigConduit empty() {
    return new TestConfigConduit(List.of(), List.of(), List.of(), Optional.empty());
  }

  /** A server where other repositories carry these distributors of the same type. */
  public static TestConfigConduit of(ConfiguredDistributor... others) {
    return new TestConfigConduit(List.of(others), List.of(), List.of(), Optional.empty());
  }

  /** This conduit, with these distributors of the same type on the validated repository too. */
  public TestConfigConduit withSiblings(ConfiguredDistributor... siblings) {
    return new TestConfigConduit(others, List.of(siblings), anyType, distributorId);
  }

  /**
   * This conduit, with these distributors of any type on the validated repository, found by {@link
   * #sibling} but not listed by {@link #siblingDistributors}: give each its type id, as the
   * platform does, e.g. {@code new ConfiguredDistributor("zoo", "web", Map.of(),
   * "iso_distributor")}.
   */
  public TestConfigConduit withRepositoryDistributors(ConfiguredDistributor... distributors) {
    return new TestConfigConduit(others, siblings, List.of(distributors), distributorId);
  }

  /**
   * This conduit, validating the config of the distributor with this id, as the platform says when
   * a distributor is added or updated ({@link #distributorId}).
   */
  public TestConfigConduit validating(String id) {
    return new TestConfigConduit(others, siblings, anyType, Optional.of(id));
  }

  @Override
  public Optional<String> distributorId() {
    return distributorId;
  }

  @Override
  public Stream<ConfiguredDistributor> otherDistributors() {
    open.incrementAndGet();
    return others.stream().onClose(open::decrementAndGet);
  }

  @Override
  public Stream<ConfiguredDistributor> siblingDistributors() {
    open.incrementAndGet();
    return siblings.stream().onClose(open::decrementAndGet);
  }

  /** A distributor of the validated repository given to this conduit, of any type. */
  @Override
  public Optional<ConfiguredDistributor> sibling(String distributorId) {
    return Stream.concat(anyType.stream(), siblings.stream())
        .filter(d -> d.distributorId().equals(distributorId))
        .findFirst();
  }

  /** How many streams from this conduit are still open. */
  public int unclosedStreams() {
    return open.get();
  }
}
