package dev.depot.plugins.rpm;

import dev.depot.plugin.PluginCallConfiguration;
import dev.depot.publish.config.ConfigCheck;
import dev.depot.publish.config.TextList;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Pulp's {@code require_signature} and {@code allowed_keys}: which packages a sync or an upload
 * takes by their signature. With {@code allowed_keys} (short key ids, the last 8 hex digits of
 * {@code rpm -qi}'s Key ID), a package signed by another key is refused; unsigned ones pass unless
 * {@code require_signature}. The signature is not verified here: dnf checks it against the key the
 * distributor hands out.
 *
 * @param required whether unsigned packages are refused
 * @param allowed the short key ids taken, lower-case; empty takes any
 */
record SignaturePolicy(boolean required, Set<String> allowed) {
  static final String REQUIRE = "require_signature";
  static final String ALLOWED = "allowed_keys";

  /** Takes every package. */
  static final SignaturePolicy ANY = new SignaturePolicy(false, Set.of());

  static void check(ConfigCheck check) {
    check.bool(REQUIRE);
    if (!check.has(ALLOWED)) {
      return;
    }
    try {
      for (String key : keys(check.config().get(ALLOWED).orElse(null))) {
        if (!key.matches("[0-9a-f]{8}")) {
          check.problem(
              ALLOWED,
              ALLOWED
                  + ": '"
                  + key
                  + "' is not a short key id (8 hex digits: the last 8 of rpm -qi's Key ID)");
          return;
        }
      }
    } catch (IllegalArgumentException e) {
      check.problem(ALLOWED, ALLOWED + " " + e.getMessage());
    }
  }

  static SignaturePolicy of(PluginCallConfiguration config) {
    return new SignaturePolicy(
        config.getBoolean(REQUIRE, false), keys(config.get(ALLOWED).orElse(null)));
  }

  private static Set<String> keys(Object value) {
    Set<String> keys = new LinkedHashSet<>();
    TextList.of(value, "key ids").forEach(key -> keys.add(key.toLowerCase(Locale.ROOT)));
    return keys;
  }

  /** Why the package is refused, or null when it is taken. */
  String refusal(RpmPackage p) {
    if (p.signingKey().isEmpty()) {
      return required ? "it is not signed, and " + REQUIRE + " is set" : null;
    }
    String key = SignatureKeys.shortId(p.signingKey().get());
    if (!allowed.isEmpty() && !allowed.contains(key)) {
      return "it is signed with key " + key + ", which is not in " + ALLOWED + " " + allowed;
    }
    return null;
  }
}
