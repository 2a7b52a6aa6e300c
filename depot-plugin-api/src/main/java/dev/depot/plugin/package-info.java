/**
 * The contract between Depot and its content-type plugins.
 *
 * <p>A plugin is a jar on the server's class path (or in its {@code plugins/} directory) that lists
 * implementations of {@link dev.depot.plugin.Importer}, {@link dev.depot.plugin.Distributor},
 * {@link dev.depot.plugin.GroupDistributor} and {@link dev.depot.plugin.ContentTypes} in {@code
 * META-INF/services}. The platform finds them with {@link java.util.ServiceLoader} and creates a
 * <em>fresh instance for every operation</em>: state that must outlive one call goes into a
 * scratchpad, read and written through the conduit the platform hands to that call.
 *
 * <p>Three kinds of type live here:
 *
 * <ul>
 *   <li>interfaces plugins implement: {@link dev.depot.plugin.Importer}, {@link
 *       dev.depot.plugin.Distributor}, {@link dev.depot.plugin.ContentTypes}, and {@link
 *       dev.depot.plugin.ContentApi} for an HTTP API served beside the published trees (one
 *       instance for the server's life, unlike the others);
 *   <li>values the platform hands to plugins: {@link dev.depot.plugin.Repository}, {@link
 *       dev.depot.plugin.Unit}, {@link dev.depot.plugin.PluginCallConfiguration}, ...;
 *   <li>doors into the platform, the conduits ({@link dev.depot.plugin.PublishConduit}, {@link
 *       dev.depot.plugin.SyncConduit}, ...), implemented by the platform and by test doubles, never
 *       by plugins.
 * </ul>
 *
 * <p>This module depends on nothing but the JDK.
 */
package dev.depot.plugin;
