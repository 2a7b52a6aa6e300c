package dev.depot.server.auth;

import dev.depot.server.error.NotAuthenticated;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * API users and their passwords. For now the one user is {@code admin}; its password is set at
 * first start (given, or generated and written once to {@code <data-dir>/admin-password}, mode
 * 0600) and stored only as a salted hash.
 */
public final class Users {
  /** The administrator's login. */
  public static final String ADMIN = "admin";

  private static final Logger LOG = LoggerFactory.getLogger(Users.class);
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Jdbi jdbi;
  // PBKDF2 is slow on purpose; remember verified (login, SHA-256 of password) pairs so a CLI or
  // script making many calls pays it once. Cleared when a password changes.
  private final Map<String, String> verified = new ConcurrentHashMap<>();

  /**
   * @param jdbi the database
   */
  public Users(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /**
   * Creates the admin user at first start.
   *
   * @param givenPassword the {@code --admin-password}, or null to generate one
   * @param passwordFile where a generated password is written, readable by the owner only
   */
  public void ensureAdmin(String givenPassword, Path passwordFile) {
    if (hash(ADMIN).isPresent()) {
      if (givenPassword != null) {
        LOG.info("admin already exists; --admin-password only applies at first start");
      }
      return;
    }
    String password = givenPassword;
    if (password == null) {
      byte[] bytes = new byte[18];
      RANDOM.nextBytes(bytes);
      password = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
      writeOwnerOnly(passwordFile, password + "\n");
      LOG.info("Generated the admin password and wrote it to {}", passwordFile);
    }
    String stored = PasswordHash.hash(password);
    jdbi.useHandle(
        h ->
            h.createUpdate(
                    "INSERT INTO users (login, name, password_hash) VALUES (:login, :login, :hash)")
                .bind("login", ADMIN)
                .bind("hash", stored)
                .execute());
  }

  private static void writeOwnerOnly(Path file, String content) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Files.deleteIfExists(file);
      Files.createFile(
          file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.writeString(file, content, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("cannot write the admin password to " + file, e);
    }
  }

  private Optional<String> hash(String login) {
    return jdbi.withHandle(
        h ->
            h.createQuery("SELECT password_hash FROM users WHERE login = :login")
                .bind("login", login)
                .mapTo(String.class)
                .findOne());
  }

  /**
   * Checks HTTP Basic credentials.
   *
   * @return the login
   * @throws NotAuthenticated when the user is unknown or the password wrong
   */
  public String authenticate(String login, String password) {
    String fingerprint = fingerprint(password);
    if (fingerprint.equals(verified.get(login))) {
      return login;
    }
    Optional<String> stored = hash(login);
    if (stored.isEmpty() || !PasswordHash.matches(password, stored.get())) {
      throw NotAuthenticated.badCredentials();
    }
    verified.put(login, fingerprint);
    return login;
  }

  private static String fingerprint(String password) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256")
                  .digest(password.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK always has SHA-256", e);
    }
  }
}
