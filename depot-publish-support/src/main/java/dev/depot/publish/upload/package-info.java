/**
 * Taking an uploaded file as a unit: {@link dev.depot.publish.upload.UploadedFile} stores it once,
 * or only associates the unit already stored.
 */
package dev.depot.publish.upload;
