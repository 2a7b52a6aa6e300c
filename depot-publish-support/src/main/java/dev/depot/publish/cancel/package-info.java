/**
 * Cancelling a plugin operation from the platform's thread: {@link
 * dev.depot.publish.cancel.Cancellation} backs every {@code cancelSyncRepo} and {@code
 * cancelPublishRepo}.
 */
package dev.depot.publish.cancel;
