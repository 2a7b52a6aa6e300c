package dev.depot.plugins.rpm;

import dev.depot.publish.config.ConfigCheck;

/**
 * The check of a {@code gpgkey} value: an ASCII-armored OpenPGP public key block, as {@code gpg
 * --armor --export} writes it and as dnf imports it from a {@code gpgkey=} file. A private key is
 * refused without being repeated, so a secret pasted by mistake never reaches the database or the
 * consumers it would be handed to.
 */
final class GpgKey {
  private static final String BEGIN = "-----BEGIN PGP PUBLIC KEY BLOCK-----";
  private static final String END = "-----END PGP PUBLIC KEY BLOCK-----";

  private GpgKey() {}

  /** Adds a problem naming {@code key} unless its value, if set, is an armored public key. */
  static void check(ConfigCheck check, String key) {
    String text = check.string(key);
    if (text == null) {
      return;
    }
    if (text.contains("PRIVATE KEY")) {
      check.problem(key, key + " holds a private key: give the public key (gpg --armor --export)");
      return;
    }
    String trimmed = text.strip();
    if (!trimmed.startsWith(BEGIN) || !trimmed.endsWith(END)) {
      check.problem(
          key,
          key
              + " must be an ASCII-armored public key, from "
              + BEGIN
              + " to "
              + END
              + " (gpg --armor --export <key id>)");
    }
  }
}
