package dev.depot.server.api;

/** One API operation: a request in, a response out; failures are thrown as DepotException. */
@FunctionalInterface
interface Endpoint {
  ApiResponse handle(ApiRequest request);
}
