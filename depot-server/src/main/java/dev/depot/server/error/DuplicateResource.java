package dev.depot.server.error;

import java.util.Map;

/** An id already taken: 409, PLP0018. */
public final class DuplicateResource extends DepotException {
  private static final long serialVersionUID = 1L;

  private final String resourceId;

  /**
   * @param kind what is duplicated, e.g. "repository"
   * @param resourceId the taken id
   */
  public DuplicateResource(String kind, String resourceId) {
    super(409, "PLP0018", "Duplicate resource: " + resourceId + " (" + kind + ")", null);
    this.resourceId = resourceId;
  }

  @Override
  public Map<String, Object> data() {
    return Map.of("resource_id", resourceId);
  }

  @Override
  public Map<String, Object> topLevel() {
    return Map.of("resource_id", resourceId);
  }
}
