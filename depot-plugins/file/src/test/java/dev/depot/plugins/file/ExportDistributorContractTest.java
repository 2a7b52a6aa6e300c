package dev.depot.plugins.file;

import static dev.depot.plugin.testkit.TestConfigs.with;
import static dev.depot.plugin.testkit.TestConfigs.without;

import dev.depot.plugin.Distributor;
import dev.depot.plugin.testkit.DistributorContract;
import dev.depot.publish.export.ExportDistributor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code export_distributor} keeps the distributor contract. */
class ExportDistributorContractTest implements DistributorContract {
  @Override
  public Distributor newDistributor() {
    return new ExportDistributor();
  }

  /** An incremental export of one month onto DVD-sized images, served over HTTPS. */
  @Override
  public Map<String, Object> validConfig() {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("http", false);
    config.put("https", true);
    config.put("iso_prefix", "el9-updates");
    config.put("iso_size", 4380);
    config.put("start_date", "2026-01-01");
    config.put("end_date", "2026-02-01T00:00:00Z");
    config.put("relative_url", "exports/el9/");
    config.put("manifest", true);
    config.put("skip", List.of("iso")); // a type of an installed layout: here, only iso
    return config;
  }

  @Override
  public Map<String, Map<String, Object>> invalidConfigs() {
    Map<String, Object> valid = validConfig();
    return Map.of(
        "iso_prefix", with(valid, "iso_prefix", "bad prefix!"),
        "iso_size", with(valid, "iso_size", 0),
        "end_date", with(valid, "end_date", "2025-12-31"),
        "http", without(valid, "http"),
        "skip", with(valid, "skip", List.of("iso", 7)));
  }
}
