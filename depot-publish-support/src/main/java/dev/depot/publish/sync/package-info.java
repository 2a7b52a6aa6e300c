/**
 * What every sync of a file-carrying type repeats: fetching the listed files into the content store
 * ({@link dev.depot.publish.sync.FileFetch}), saving units in batches ({@link
 * dev.depot.publish.sync.UnitBatch}), reporting files, bytes, speed and time left ({@link
 * dev.depot.publish.sync.SyncProgress}) and mirror mode ({@link
 * dev.depot.publish.sync.MissingUnits}). A type brings only its metadata parser.
 */
package dev.depot.publish.sync;
