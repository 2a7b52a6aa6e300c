/**
 * Contract tests for Depot plugins: what every {@link dev.depot.plugin.Importer} and {@link
 * dev.depot.plugin.Distributor} must do before it does anything useful.
 *
 * <p>A plugin author adds this module to the test class path and writes one test class per plugin
 * that implements {@link dev.depot.plugin.testkit.ImporterContract} or {@link
 * dev.depot.plugin.testkit.DistributorContract}, supplying a fresh instance, a valid config and
 * some invalid ones. The contract's {@code default} test methods then check the metadata, the
 * {@code META-INF/services} listing, config validation (accepts, refuses naming the key, refuses
 * unknown keys, leaves its input alone) and that cancelling an idle instance is harmless.
 *
 * <p>A check that does not suit a plugin can be switched off by overriding its method with
 * {@code @Test @Disabled("why")}; say why, since the platform relies on each of them.
 */
package dev.depot.plugin.testkit;
