package dev.depot.server.api;

/**
 * Who an API call comes from, as authentication established it.
 *
 * @param name the user's login, or the consumer's id
 * @param consumer whether the caller is a consumer (authenticated by its certificate)
 */
record Caller(String name, boolean consumer) {
  /** Nobody: the unauthenticated status endpoint. */
  static final Caller ANONYMOUS = new Caller("anonymous", false);
}
