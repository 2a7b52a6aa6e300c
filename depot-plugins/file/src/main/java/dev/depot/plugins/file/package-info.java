/**
 * Pulp's ISO/file content: units of type {@code iso} identified by name, SHA-256 checksum and size;
 * the {@code iso_importer} (syncing from a {@code PULP_MANIFEST} feed) and the {@code
 * iso_distributor} (publishing over HTTP/HTTPS), with Pulp's ids and config keys. Export and rsync
 * are the SDK's generic distributors: this plugin gives them its layout ({@link
 * dev.depot.plugins.file.IsoExportLayout}, {@link dev.depot.plugins.file.IsoRsyncDistributor}).
 */
package dev.depot.plugins.file;
