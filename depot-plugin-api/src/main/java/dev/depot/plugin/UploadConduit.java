package dev.depot.plugin;

/**
 * The importer's door into the platform during {@link Importer#uploadUnit}.
 *
 * <p>Scoped to one call. Implemented by the platform and by test doubles, never by plugins.
 */
public interface UploadConduit extends UnitSource, UnitSink {}
