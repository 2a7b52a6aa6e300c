/**
 * Contract tests and in-memory conduits for Depot plugins: what every {@link
 * dev.depot.plugin.Importer} and {@link dev.depot.plugin.Distributor} must do, checked with the
 * plugin running alone, without a server or a database.
 *
 * <p>A plugin author adds this module to the test class path and writes one test class per plugin
 * that implements a contract, supplying factories: {@link
 * dev.depot.plugin.testkit.ImporterContract} or {@link
 * dev.depot.plugin.testkit.DistributorContract} (a fresh instance, a valid config and some invalid
 * ones) check metadata, the {@code META-INF/services} listing, config validation (accepts, refuses
 * naming the key, refuses unknown keys, leaves its input alone) and that cancelling an idle
 * instance is harmless. {@link dev.depot.plugin.testkit.SyncContract} adds a feed of the plugin's
 * format and checks a sync over real HTTP: checksums verified, the bad file named, progress
 * reported with counts, each file fetched once. {@link dev.depot.plugin.testkit.PublishContract}
 * adds a unit factory and checks publishes: every unit served, atomic while a reader walks the
 * tree, incremental, cancellable, removed units gone, and a consumer payload naming the protocols
 * served.
 *
 * <p>{@link dev.depot.plugin.testkit.InMemoryContent} stands in for the platform's database and
 * content store, and hands out the conduits ({@link dev.depot.plugin.testkit.InMemorySyncConduit},
 * {@link dev.depot.plugin.testkit.InMemoryUploadConduit}, {@link
 * dev.depot.plugin.testkit.InMemoryPublishConduit}, {@link
 * dev.depot.plugin.testkit.TestConfigConduit}) for a plugin's own tests too.
 *
 * <p>A check that does not suit a plugin can be switched off by overriding its method with
 * {@code @Test @Disabled("why")}; say why, since the platform relies on each of them. The module's
 * README has a table of every check.
 */
package dev.depot.plugin.testkit;
