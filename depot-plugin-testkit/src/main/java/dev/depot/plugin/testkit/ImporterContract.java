package dev.depot.plugin.testkit;

import dev.depot.plugin.Importer;
import dev.depot.plugin.Platform;
import dev.depot.plugin.PluginCallConfiguration;
import dev.depot.plugin.PluginMetadata;
import dev.depot.plugin.ValidationResult;

/**
 * The contract every {@link Importer} keeps, as JUnit tests. Implement it in a test class, supply
 * the three abstract methods, and the default test methods run against your importer:
 *
 * <pre>{@code
 * class NoteImporterContractTest implements ImporterContract {
 *   public Importer newImporter() { return new NoteImporter(); }
 *   public Map<String, Object> validConfig() { return Map.of("feed", "https://example.com/"); }
 *   public Map<String, Map<String, Object>> invalidConfigs() {
 *     return Map.of("feed", Map.of("feed", "ftp://example.com/"));
 *   }
 * }
 * }</pre>
 *
 * <p>Each check calls {@link Importer#init} first, as the platform does, and validates the way the
 * platform does: a {@link dev.depot.plugin.ConfigValueException} from the typed getters is a
 * refusal naming its key, any other exception fails the check.
 */
public interface ImporterContract extends PluginContract<Importer> {

  /** A new instance, as the platform's {@link java.util.ServiceLoader} would create it. */
  Importer newImporter();

  @Override
  default Importer newPlugin() {
    return newImporter();
  }

  @Override
  default Class<Importer> pluginType() {
    return Importer.class;
  }

  @Override
  default PluginMetadata metadataOf(Importer importer) {
    return importer.metadata();
  }

  @Override
  default void init(Importer importer, Platform platform) {
    importer.init(platform);
  }

  @Override
  default ValidationResult validate(Importer importer, PluginCallConfiguration config) {
    return importer.validateConfig(repository(), config);
  }

  /** Calls {@link Importer#cancelSyncRepo}. */
  @Override
  default void cancel(Importer importer) {
    importer.cancelSyncRepo();
  }
}
