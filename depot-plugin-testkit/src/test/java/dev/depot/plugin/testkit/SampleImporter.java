package dev.depot.plugin.testkit;

import dev.depot.plugin.Importer;
import dev.depot.plugin.PluginCallConfiguration;
import dev.depot.plugin.PluginMetadata;
import dev.depot.plugin.Repository;
import dev.depot.plugin.ValidationResult;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An importer with two keys, {@code feed} (an https URL) and {@code mirrors} (a list), that keeps
 * the contract unless it is built with a {@link Flaw}: the contract's own tests use the flaws to
 * show each check fails when it should.
 */
public class SampleImporter implements Importer {
  /** One way of breaking the contract. */
  enum Flaw {
    NONE,
    UPPER_CASE_ID,
    METADATA_VARIES,
    IGNORES_UNKNOWN_KEYS,
    REFUSES_WITHOUT_NAMING_THE_KEY,
    THROWS_ON_A_BAD_FEED,
    EMPTIES_THE_MIRRORS_LIST,
    CANCEL_THROWS
  }

  private static final Set<String> KEYS = Set.of("feed", "mirrors");
  private static final AtomicInteger INSTANCES = new AtomicInteger();

  private final Flaw flaw;
  private final int instance = INSTANCES.incrementAndGet();

  /** The well-behaved importer, as ServiceLoader creates it. */
  public SampleImporter() {
    this(Flaw.NONE);
  }

  SampleImporter(Flaw flaw) {
    this.flaw = flaw;
  }

  @Override
  public PluginMetadata metadata() {
    String id =
        switch (flaw) {
          case UPPER_CASE_ID -> "Sample_Importer";
          case METADATA_VARIES -> "sample_importer_" + instance;
          default -> "sample_importer";
        };
    return new PluginMetadata(id, "Sample Importer", List.of("note"));
  }

  @Override
  public ValidationResult validateConfig(Repository repo, PluginCallConfiguration config) {
    for (String key : config.repoConfig().keySet()) {
      if (!KEYS.contains(key) && flaw != Flaw.IGNORES_UNKNOWN_KEYS) {
        return ValidationResult.invalid("Unknown configuration key: " + key, key);
      }
    }
    List<?> mirrors = config.getList("mirrors").orElse(List.of());
    if (flaw == Flaw.EMPTIES_THE_MIRRORS_LIST) {
      mirrors.clear();
    }
    String feed = config.getString("feed").orElse("https://example.com/");
    if (!feed.startsWith("https://")) {
      return switch (flaw) {
        case REFUSES_WITHOUT_NAMING_THE_KEY -> ValidationResult.invalid("that will not do");
        case THROWS_ON_A_BAD_FEED -> throw new IllegalStateException("cannot parse the feed");
        default -> ValidationResult.invalid("feed must be an https:// URL", "feed");
      };
    }
    return ValidationResult.valid();
  }

  @Override
  public void cancelSyncRepo() {
    if (flaw == Flaw.CANCEL_THROWS) {
      throw new IllegalStateException("nothing to cancel");
    }
  }

  /** A well-behaved importer missing from {@code META-INF/services}. */
  public static final class Unlisted extends SampleImporter {}
}
