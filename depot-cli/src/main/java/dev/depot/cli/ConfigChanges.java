package dev.depot.cli;

import java.util.List;
import java.util.Map;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@link ConfigOptions} plus {@code --unset}: what a command that updates a stored plugin config
 * takes, since an update can also remove keys.
 */
final class ConfigChanges {
  @Mixin ConfigOptions set = new ConfigOptions();

  @Option(names = "--unset", paramLabel = "KEY", description = "Remove a key (repeatable).")
  List<String> unset;

  /** The changes to send: keys set by {@code --config} / {@code --option}, null for each unset. */
  Map<String, Object> toChanges() {
    return Options.config(set.config, set.options, unset);
  }
}
