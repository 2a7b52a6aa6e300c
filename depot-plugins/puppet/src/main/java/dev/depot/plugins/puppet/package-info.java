/**
 * Puppet modules ({@code puppet_module} units) as in Pulp's puppet plugin: uploaded as the tarballs
 * {@code puppet module install} downloads, synced from a Puppet Forge's v3 API or a {@code
 * PULP_MANIFEST} directory, published as Pulp's static tree with a Forge API per repository, and
 * installed into a directory. Built only on the SDK.
 */
package dev.depot.plugins.puppet;
