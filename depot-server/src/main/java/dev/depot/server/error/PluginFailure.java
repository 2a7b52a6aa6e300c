package dev.depot.server.error;

/** A plugin threw where it should not have: 500, PLP0001. */
public final class PluginFailure extends DepotException {
  private static final long serialVersionUID = 1L;

  /**
   * @param message what the platform was doing, naming the plugin
   * @param cause what the plugin threw
   */
  public PluginFailure(String message, Throwable cause) {
    super(500, "PLP0001", message, cause);
  }
}
