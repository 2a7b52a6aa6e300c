package dev.depot.server.api;

/**
 * Who an API call comes from, as authentication established it: a user (by password or login
 * certificate), a consumer (by its certificate), or nobody (the status endpoint). Permissions are
 * checked for users only; a consumer's reach is {@link ConsumerAccess}'s.
 */
sealed interface Caller {
  /** Nobody: the unauthenticated status endpoint. */
  Caller ANONYMOUS = new Anonymous();

  /** The user's login, the consumer's id, or {@code anonymous}: who history and events name. */
  String name();

  /** A user, by login. */
  record User(String name) implements Caller {}

  /** A consumer, by id. */
  record Consumer(String name) implements Caller {}

  /** Nobody. */
  record Anonymous() implements Caller {
    @Override
    public String name() {
      return "anonymous";
    }
  }
}
