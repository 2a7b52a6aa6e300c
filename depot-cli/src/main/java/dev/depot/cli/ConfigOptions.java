package dev.depot.cli;

import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The {@code --config} / {@code --option} pair of every command that gives an importer or a
 * distributor its plugin config, declared once so they read and parse alike.
 */
final class ConfigOptions {
  @Option(
      names = "--config",
      paramLabel = "JSON|@FILE",
      description =
          "The plugin config as a JSON object, inline or @FILE; --option pairs are merged in.")
  String config;

  @Option(
      names = "--option",
      paramLabel = "KEY=VALUE",
      description =
          "One config key (repeatable): true/false and whole numbers are sent typed, a JSON list"
              + " as a list, @FILE as the file's text, KEY= as null (which removes the key);"
              + " anything else is text.")
  List<String> options;

  /** The config to send: {@code --config} merged with every {@code --option}. */
  Map<String, Object> toConfig() {
    return Options.config(config, options, null);
  }
}
