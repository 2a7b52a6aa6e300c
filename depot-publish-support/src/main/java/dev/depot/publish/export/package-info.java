/**
 * Pulp's {@code export_distributor} and {@code group_export_distributor} for every content type: a
 * type contributes an {@link dev.depot.publish.export.ExportLayout} (where its units' files go and
 * its metadata files) as a {@link java.util.ServiceLoader} service, and lists the two generic
 * distributors in its own services files; the distributors do the rest (config, date windows, ISO
 * images with digests, the atomic web publish, {@code export_dir}, progress and cancel).
 */
package dev.depot.publish.export;
