package dev.depot.server.error;

import java.util.LinkedHashMap;
import java.util.Map;

/** A resource that does not exist: 404, PLP0009, naming each missing resource. */
public final class MissingResource extends DepotException {
  private static final long serialVersionUID = 1L;

  private final Map<String, Object> resources;

  /**
   * @param resources kind to id, e.g. {@code repository=zoo}, in order
   */
  public MissingResource(Map<String, Object> resources) {
    this(resources, null);
  }

  /**
   * @param resources kind to id, in order
   * @param advice what the client can do about it, appended to the message; null for none
   */
  public MissingResource(Map<String, Object> resources, String advice) {
    super(404, "PLP0009", message(resources) + (advice == null ? "" : ". " + advice), null);
    this.resources = new LinkedHashMap<>(resources);
  }

  /** One missing resource. */
  public static MissingResource of(String kind, String id) {
    return new MissingResource(Map.of(kind, id));
  }

  /** Two missing resources, e.g. a distributor within a repository. */
  public static MissingResource of(String kind, String id, String kind2, String id2) {
    Map<String, Object> both = new LinkedHashMap<>();
    both.put(kind, id);
    both.put(kind2, id2);
    return new MissingResource(both);
  }

  private static String message(Map<String, Object> resources) {
    StringBuilder text = new StringBuilder("Missing resource(s): ");
    resources.forEach((k, v) -> text.append(k).append('=').append(v).append(", "));
    return text.substring(0, text.length() - 2);
  }

  @Override
  public Map<String, Object> data() {
    return Map.of("resources", resources);
  }

  @Override
  public Map<String, Object> topLevel() {
    return Map.of("resources", resources);
  }
}
