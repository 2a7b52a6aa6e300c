package dev.depot.server.auth;

import dev.depot.server.db.ObjectIds;
import dev.depot.server.error.DuplicateResource;
import dev.depot.server.error.InvalidValue;
import dev.depot.server.error.MissingResource;
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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * API users and their passwords, stored only as slow salted hashes and never returned. The first
 * user is {@code admin}, a super-user whose password is set at first start (given, or generated and
 * written once to {@code <data-dir>/admin-password}, mode 0600); others are made through the API,
 * and what they may do is up to their roles and permissions ({@link Permissions}).
 */
public final class Users {
  /** The administrator's login. */
  public static final String ADMIN = "admin";

  private static final Logger LOG = LoggerFactory.getLogger(Users.class);
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Jdbi jdbi;
  // PBKDF2 is slow on purpose; remember verified (login, SHA-256 of password) pairs so a CLI or
  // script making many calls pays it once. Cleared when a password changes; a password this
  // process has just hashed is known without deriving it a second time.
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
    jdbi.useTransaction(
        h -> {
          h.createUpdate(
                  "INSERT INTO users (login, name, password_hash, oid)"
                      + " VALUES (:login, :login, :hash, :oid)")
              .bind("login", ADMIN)
              .bind("hash", stored)
              .bind("oid", ObjectIds.next())
              .execute();
          h.createUpdate("INSERT INTO user_roles (login, role_id) VALUES (:login, :role)")
              .bind("login", ADMIN)
              .bind("role", Roles.SUPER_USERS)
              .execute();
        });
    verified.put(ADMIN, fingerprint(password));
  }

  /** A user as the API shows it: never its password. */
  public record User(String login, String name, String oid, List<String> roles) {}

  /** Login names as Pulp allows them. */
  private static final java.util.regex.Pattern LOGIN =
      java.util.regex.Pattern.compile("[.@\\-_A-Za-z0-9]+");

  /**
   * Creates a user; without a password nobody can log in as it until one is set.
   *
   * @throws InvalidValue for a login Pulp would refuse
   * @throws DuplicateResource when the login is taken
   */
  public User create(String login, String name, String password) {
    if (login == null) {
      throw InvalidValue.missing("login");
    }
    if (!LOGIN.matcher(login).matches() || login.length() > 255) {
      throw InvalidValue.of(
          "login must be letters, digits, '.', '@', '-' or '_' (at most 255): " + login, "login");
    }
    String stored = PasswordHash.hash(password != null ? password : randomSecret());
    jdbi.useTransaction(
        h -> {
          if (h.createQuery("SELECT COUNT(*) FROM users WHERE login = :l")
                  .bind("l", login)
                  .mapTo(Integer.class)
                  .one()
              > 0) {
            throw new DuplicateResource("user", login);
          }
          h.createUpdate(
                  "INSERT INTO users (login, name, password_hash, oid)"
                      + " VALUES (:login, :name, :hash, :oid)")
              .bind("login", login)
              .bind("name", name == null || name.isBlank() ? login : name)
              .bind("hash", stored)
              .bind("oid", ObjectIds.next())
              .execute();
        });
    if (password != null) {
      verified.put(login, fingerprint(password));
    }
    return get(login);
  }

  /** The user, with its roles. */
  public User get(String login) {
    return jdbi.withHandle(h -> find(h, login))
        .orElseThrow(() -> MissingResource.of("user", login));
  }

  /** Every user, by login. */
  public List<User> list() {
    return jdbi.withHandle(
        h ->
            h
                .createQuery("SELECT login FROM users ORDER BY login")
                .mapTo(String.class)
                .list()
                .stream()
                .map(login -> find(h, login).orElseThrow())
                .toList());
  }

  static java.util.Optional<User> find(org.jdbi.v3.core.Handle h, String login) {
    return h.createQuery("SELECT login, name, oid FROM users WHERE login = :l")
        .bind("l", login)
        .map(
            (rs, ctx) ->
                new User(
                    rs.getString("login"),
                    rs.getString("name"),
                    rs.getString("oid") != null ? rs.getString("oid") : stableOid(login),
                    h.createQuery(
                            "SELECT role_id FROM user_roles WHERE login = :l ORDER BY role_id")
                        .bind("l", login)
                        .mapTo(String.class)
                        .list()))
        .findOne();
  }

  /** Users made before the oid column have none stored: derive one that never changes. */
  private static String stableOid(String login) {
    return fingerprint("user:" + login).substring(0, 24);
  }

  /**
   * Changes a user's name, password or roles (each when not null).
   *
   * @throws InvalidValue when the change would leave no super-user, or names an unknown role
   */
  public User update(String login, String name, String password, List<String> roles) {
    jdbi.useTransaction(
        h -> {
          find(h, login).orElseThrow(() -> MissingResource.of("user", login));
          if (name != null) {
            h.createUpdate("UPDATE users SET name = :n WHERE login = :l")
                .bind("n", name)
                .bind("l", login)
                .execute();
          }
          if (password != null) {
            h.createUpdate("UPDATE users SET password_hash = :p WHERE login = :l")
                .bind("p", PasswordHash.hash(password))
                .bind("l", login)
                .execute();
          }
          if (roles != null) {
            for (String role : roles) {
              Roles.require(h, role, "roles");
            }
            h.createUpdate("DELETE FROM user_roles WHERE login = :l").bind("l", login).execute();
            for (String role : new java.util.TreeSet<>(roles)) {
              h.createUpdate("INSERT INTO user_roles (login, role_id) VALUES (:l, :r)")
                  .bind("l", login)
                  .bind("r", role)
                  .execute();
            }
            Roles.requireASuperUser(h, "roles");
          }
        });
    if (password != null) {
      verified.put(login, fingerprint(password));
    }
    return get(login);
  }

  /**
   * Deletes a user and its grants.
   *
   * @throws InvalidValue when it is the last super-user
   */
  public void delete(String login) {
    jdbi.useTransaction(
        h -> {
          find(h, login).orElseThrow(() -> MissingResource.of("user", login));
          h.createUpdate("DELETE FROM users WHERE login = :l").bind("l", login).execute();
          h.createUpdate("DELETE FROM permissions WHERE subject_kind = 'user' AND subject = :l")
              .bind("l", login)
              .execute();
          Roles.requireASuperUser(h, "login");
        });
    verified.remove(login);
  }

  private static String randomSecret() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getEncoder().encodeToString(bytes);
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
