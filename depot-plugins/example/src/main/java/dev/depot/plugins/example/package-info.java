/**
 * The example content plugin of {@code docs/plugin-guide.md}: {@code memo} units (small text files
 * keyed by name and SHA-256), synced from a feed directory listing them in a {@code SHA256SUMS}
 * file and published as a static tree with the same index. Built only on the SDK.
 */
package dev.depot.plugins.example;
